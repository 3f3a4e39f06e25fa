/* ngx_http_tfschema_module: answers PUT bodies that the FastAPI server behind
 * proxy_pass would reject with the server's own 422, byte for byte, and lets
 * every other request through untouched (nginx/README.md).
 *
 *   location = /api/ml/v1/artifact-versions {
 *       tfschema_precheck pydantic-v1;   # or pydantic-v2, strict; off by default
 *       proxy_pass http://fastapi;
 *   }
 *
 * It runs in the precontent phase (after access control, before the content
 * handler), reads the body with nginx's own reader (memory or temporary file;
 * client_max_body_size and its 413 apply as usual), and then either sends the
 * 422 or resumes the phases, so proxy_pass sends the body it read. The
 * decisions themselves are in tfschema_precheck.c. */
#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "tfschema_precheck.h"

/* A profile value: the pre-check is off (NGX_CONF_UNSET, -1, is "inherit"). */
#define NGX_HTTP_TFSCHEMA_OFF -2

typedef struct {
  ngx_int_t profile;    /* a tfschema_profile or NGX_HTTP_TFSCHEMA_OFF */
  ngx_int_t max_errors; /* 0: all, as the server */
  ngx_flag_t header;    /* add "x-precheck: tfschema" to the module's answers */
  ngx_uint_t setup;     /* index of its validator in the main conf */
} ngx_http_tfschema_loc_conf_t;

/* One validator per distinct (profile, max_errors) in the configuration, made
 * in each worker process when it starts and freed with the cycle's pool. */
typedef struct {
  tfschema_profile profile;
  size_t max_errors;
} ngx_http_tfschema_setup_t;

typedef struct {
  ngx_array_t setups;              /* ngx_http_tfschema_setup_t */
  tfschema_validator** validators; /* setups.nelts, this process's; NULL until made */
} ngx_http_tfschema_main_conf_t;

typedef struct {
  ngx_int_t status;   /* what the phase handler returns once the body is judged */
  const char* reason; /* $tfschema_precheck */
} ngx_http_tfschema_ctx_t;

static ngx_int_t ngx_http_tfschema_add_variables(ngx_conf_t* cf);
static ngx_int_t ngx_http_tfschema_init(ngx_conf_t* cf);
static void* ngx_http_tfschema_create_main_conf(ngx_conf_t* cf);
static void* ngx_http_tfschema_create_loc_conf(ngx_conf_t* cf);
static char* ngx_http_tfschema_merge_loc_conf(ngx_conf_t* cf, void* parent, void* child);
static char* ngx_http_tfschema_precheck(ngx_conf_t* cf, ngx_command_t* cmd, void* conf);
static ngx_int_t ngx_http_tfschema_init_process(ngx_cycle_t* cycle);

static ngx_command_t ngx_http_tfschema_commands[] = {
    {ngx_string("tfschema_precheck"), NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_HTTP_LOC_CONF | NGX_CONF_TAKE1,
     ngx_http_tfschema_precheck, NGX_HTTP_LOC_CONF_OFFSET, 0, NULL},
    {ngx_string("tfschema_max_errors"), NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_HTTP_LOC_CONF | NGX_CONF_TAKE1,
     ngx_conf_set_num_slot, NGX_HTTP_LOC_CONF_OFFSET, offsetof(ngx_http_tfschema_loc_conf_t, max_errors), NULL},
    {ngx_string("tfschema_precheck_header"), NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_HTTP_LOC_CONF | NGX_CONF_FLAG,
     ngx_conf_set_flag_slot, NGX_HTTP_LOC_CONF_OFFSET, offsetof(ngx_http_tfschema_loc_conf_t, header), NULL},
    ngx_null_command};

static ngx_http_module_t ngx_http_tfschema_module_ctx = {
    ngx_http_tfschema_add_variables,    /* preconfiguration */
    ngx_http_tfschema_init,             /* postconfiguration */
    ngx_http_tfschema_create_main_conf, /* create main configuration */
    NULL,                               /* init main configuration */
    NULL,                               /* create server configuration */
    NULL,                               /* merge server configuration */
    ngx_http_tfschema_create_loc_conf,  /* create location configuration */
    ngx_http_tfschema_merge_loc_conf    /* merge location configuration */
};

ngx_module_t ngx_http_tfschema_module = {NGX_MODULE_V1,
                                         &ngx_http_tfschema_module_ctx,  /* module context */
                                         ngx_http_tfschema_commands,     /* module directives */
                                         NGX_HTTP_MODULE,                /* module type */
                                         NULL,                           /* init master */
                                         NULL,                           /* init module */
                                         ngx_http_tfschema_init_process, /* init process */
                                         NULL,                           /* init thread */
                                         NULL,                           /* exit thread */
                                         NULL,                           /* exit process */
                                         NULL,                           /* exit master */
                                         NGX_MODULE_V1_PADDING};

static ngx_str_t ngx_http_tfschema_variable_name = ngx_string("tfschema_precheck");

/* Configuration */

static char* ngx_http_tfschema_precheck(ngx_conf_t* cf, ngx_command_t* cmd, void* conf) {
  ngx_http_tfschema_loc_conf_t* tlcf = conf;
  ngx_str_t* value = cf->args->elts;
  tfschema_profile profile;
  (void)cmd;

  if (tlcf->profile != NGX_CONF_UNSET) return "is duplicate";
  if (ngx_strcmp(value[1].data, "off") == 0) {
    tlcf->profile = NGX_HTTP_TFSCHEMA_OFF;
    return NGX_CONF_OK;
  }
  if (!tfschema_profile_from_name((const char*)value[1].data, &profile)) {
    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0, "invalid value \"%V\": expected off, pydantic-v2, pydantic-v1 or strict",
                       &value[1]);
    return NGX_CONF_ERROR;
  }
  tlcf->profile = profile;
  return NGX_CONF_OK;
}

static void* ngx_http_tfschema_create_main_conf(ngx_conf_t* cf) {
  ngx_http_tfschema_main_conf_t* tmcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_tfschema_main_conf_t));
  if (tmcf == NULL) return NULL;
  if (ngx_array_init(&tmcf->setups, cf->pool, 4, sizeof(ngx_http_tfschema_setup_t)) != NGX_OK) return NULL;
  return tmcf;
}

static void* ngx_http_tfschema_create_loc_conf(ngx_conf_t* cf) {
  ngx_http_tfschema_loc_conf_t* tlcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_tfschema_loc_conf_t));
  if (tlcf == NULL) return NULL;
  tlcf->profile = NGX_CONF_UNSET;
  tlcf->max_errors = NGX_CONF_UNSET;
  tlcf->header = NGX_CONF_UNSET;
  return tlcf;
}

/* The index of the setup for (profile, max_errors), added if new. */
static ngx_int_t ngx_http_tfschema_setup_index(ngx_http_tfschema_main_conf_t* tmcf, tfschema_profile profile,
                                               size_t max_errors) {
  ngx_http_tfschema_setup_t* setups = tmcf->setups.elts;
  ngx_http_tfschema_setup_t* added;
  ngx_uint_t i;
  for (i = 0; i < tmcf->setups.nelts; i++) {
    if (setups[i].profile == profile && setups[i].max_errors == max_errors) return (ngx_int_t)i;
  }
  added = ngx_array_push(&tmcf->setups);
  if (added == NULL) return NGX_ERROR;
  added->profile = profile;
  added->max_errors = max_errors;
  return (ngx_int_t)i;
}

static char* ngx_http_tfschema_merge_loc_conf(ngx_conf_t* cf, void* parent, void* child) {
  ngx_http_tfschema_loc_conf_t* prev = parent;
  ngx_http_tfschema_loc_conf_t* conf = child;
  ngx_int_t setup;

  ngx_conf_merge_value(conf->profile, prev->profile, NGX_HTTP_TFSCHEMA_OFF);
  ngx_conf_merge_value(conf->max_errors, prev->max_errors, 0);
  ngx_conf_merge_value(conf->header, prev->header, 0);
  if (conf->profile == NGX_HTTP_TFSCHEMA_OFF) return NGX_CONF_OK;

  setup = ngx_http_tfschema_setup_index(ngx_http_conf_get_module_main_conf(cf, ngx_http_tfschema_module),
                                        (tfschema_profile)conf->profile, (size_t)conf->max_errors);
  if (setup == NGX_ERROR) return NGX_CONF_ERROR;
  conf->setup = (ngx_uint_t)setup;
  return NGX_CONF_OK;
}

/* Validators: one per setup, per process */

static void ngx_http_tfschema_free_validators(void* data) {
  ngx_http_tfschema_main_conf_t* tmcf = data;
  ngx_uint_t i;
  if (tmcf->validators == NULL) return;
  for (i = 0; i < tmcf->setups.nelts; i++) tfschema_validator_free(tmcf->validators[i]);
  ngx_free(tmcf->validators);
  tmcf->validators = NULL;
}

static tfschema_validator* ngx_http_tfschema_new_validator(const ngx_http_tfschema_setup_t* setup,
                                                           tfschema_validator* old, ngx_log_t* log) {
  tfschema_options options;
  tfschema_validator* validator;
  tfschema_precheck_options(setup->profile, setup->max_errors, &options);
  validator = old != NULL ? tfschema_precheck_renew(old, &options) : tfschema_validator_new(&options);
  if (validator == NULL) {
    ngx_log_error(NGX_LOG_ALERT, log, 0, "tfschema: cannot create a %s validator (out of memory)",
                  tfschema_profile_name(setup->profile));
  }
  return validator;
}

/* The process's validator for setup `index`, made if missing (a worker makes
 * them all when it starts; a single-process nginx after a reload, or after
 * running out of memory, here). NULL when out of memory. */
static tfschema_validator* ngx_http_tfschema_validator(ngx_http_tfschema_main_conf_t* tmcf, ngx_uint_t index,
                                                       ngx_log_t* log) {
  ngx_http_tfschema_setup_t* setups = tmcf->setups.elts;
  if (tmcf->validators == NULL) {
    tmcf->validators = ngx_calloc(tmcf->setups.nelts * sizeof(tfschema_validator*), log);
    if (tmcf->validators == NULL) return NULL;
  }
  if (tmcf->validators[index] == NULL)
    tmcf->validators[index] = ngx_http_tfschema_new_validator(&setups[index], NULL, log);
  return tmcf->validators[index];
}

/* A validator that cannot be made here (out of memory) is tried again at the
 * first request that needs it; meanwhile those requests go to the server. */
static ngx_int_t ngx_http_tfschema_init_process(ngx_cycle_t* cycle) {
  ngx_http_tfschema_main_conf_t* tmcf = ngx_http_cycle_get_module_main_conf(cycle, ngx_http_tfschema_module);
  ngx_uint_t i;
  if (tmcf == NULL) return NGX_OK;
  for (i = 0; i < tmcf->setups.nelts; i++) (void)ngx_http_tfschema_validator(tmcf, i, cycle->log);
  return NGX_OK;
}

/* The request body */

/* The whole body in one pool buffer followed by TFSCHEMA_PADDING bytes, from
 * memory buffers and/or the temporary file nginx spilled it to; NULL when
 * memory runs out or the file cannot be read. */
static u_char* ngx_http_tfschema_body_bytes(ngx_http_request_t* r, size_t* length) {
  ngx_chain_t* bufs = r->request_body != NULL ? r->request_body->bufs : NULL;
  ngx_chain_t* cl;
  off_t total = 0;
  u_char *body, *p;

  for (cl = bufs; cl != NULL; cl = cl->next) total += ngx_buf_size(cl->buf);
  if (total < 0 || (uint64_t)total > (uint64_t)(NGX_MAX_SIZE_T_VALUE - TFSCHEMA_PADDING)) return NULL;
  body = ngx_pnalloc(r->pool, (size_t)total + TFSCHEMA_PADDING);
  if (body == NULL) return NULL;

  p = body;
  for (cl = bufs; cl != NULL; cl = cl->next) {
    ngx_buf_t* b = cl->buf;
    if (ngx_buf_in_memory(b)) {
      p = ngx_cpymem(p, b->pos, b->last - b->pos);
    } else if (b->in_file) {
      /* ngx_read_file advances the file's offset, which nginx's body
       * writer reads as the file's length: keep it. */
      off_t offset = b->file_pos, saved = b->file->offset;
      while (offset < b->file_last) {
        ssize_t n = ngx_read_file(b->file, p, (size_t)(b->file_last - offset), offset);
        if (n <= 0) {
          b->file->offset = saved;
          ngx_log_error(NGX_LOG_ERR, r->connection->log, 0, "tfschema: cannot read the request body's file \"%V\"",
                        &b->file->name);
          return NULL;
        }
        p += n;
        offset += n;
      }
      b->file->offset = saved;
    }
  }
  if (p != body + total) return NULL;
  ngx_memzero(p, TFSCHEMA_PADDING);
  *length = (size_t)total;
  return body;
}

/* The answer */

static void* ngx_http_tfschema_pool_alloc(void* pool, size_t size) { return ngx_pnalloc(pool, size); }

/* Sends the module's 422. NGX_DECLINED (nothing sent: the request goes on to
 * the server) when memory runs out before anything is sent. */
static ngx_int_t ngx_http_tfschema_send(ngx_http_request_t* r, ngx_http_tfschema_loc_conf_t* tlcf,
                                        const tfschema_precheck_outcome* outcome) {
  ngx_int_t rc;
  ngx_chain_t out;
  ngx_table_elt_t* h = NULL;
  ngx_buf_t* b = ngx_calloc_buf(r->pool);

  if (b == NULL || (tlcf->header && (h = ngx_list_push(&r->headers_out.headers)) == NULL)) return NGX_DECLINED;
  if (h != NULL) {
    h->hash = 1;
    ngx_str_set(&h->key, "x-precheck");
    ngx_str_set(&h->value, "tfschema");
  }
  r->headers_out.status = (ngx_uint_t)outcome->status;
  /* nginx has no reason phrase for 422: the server's. */
  r->headers_out.status_line.data = (u_char*)tfschema_precheck_status_line_422((tfschema_profile)tlcf->profile);
  r->headers_out.status_line.len = ngx_strlen(r->headers_out.status_line.data);
  ngx_str_set(&r->headers_out.content_type, "application/json");
  r->headers_out.content_type_len = r->headers_out.content_type.len;
  r->headers_out.content_type_lowcase = NULL;
  r->headers_out.content_length_n = (off_t)outcome->body_length;

  rc = ngx_http_send_header(r);
  if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) return rc;
  b->pos = (u_char*)outcome->body;
  b->last = b->pos + outcome->body_length;
  b->memory = 1;
  b->last_buf = 1;
  b->last_in_chain = 1;
  out.buf = b;
  out.next = NULL;
  return ngx_http_output_filter(r, &out);
}

/* NGX_DECLINED: the request goes on to the content handler (proxy_pass);
 * anything else is the module's answer, for ngx_http_finalize_request. */
static ngx_int_t ngx_http_tfschema_judge(ngx_http_request_t* r, ngx_http_tfschema_ctx_t* ctx) {
  ngx_http_tfschema_loc_conf_t* tlcf = ngx_http_get_module_loc_conf(r, ngx_http_tfschema_module);
  ngx_http_tfschema_main_conf_t* tmcf = ngx_http_get_module_main_conf(r, ngx_http_tfschema_module);
  tfschema_validator* validator;
  tfschema_precheck_outcome outcome;
  u_char* body;
  size_t length = 0;
  ngx_int_t rc;

  validator = ngx_http_tfschema_validator(tmcf, tlcf->setup, r->connection->log);
  if (validator == NULL) {
    ctx->reason = "no validator";
    return NGX_DECLINED;
  }
  body = ngx_http_tfschema_body_bytes(r, &length);
  if (body == NULL) {
    ngx_log_error(NGX_LOG_ERR, r->connection->log, 0, "tfschema: body not checked (out of memory or unreadable)");
    ctx->reason = "body unreadable";
    return NGX_DECLINED;
  }
  tfschema_precheck_judge(validator, (const char*)body, length, ngx_http_tfschema_pool_alloc, r->pool, &outcome);
  ctx->reason = outcome.reason;
  if (tfschema_precheck_validator_outgrown(length, &outcome)) {
    tmcf->validators[tlcf->setup] = ngx_http_tfschema_new_validator(
        (ngx_http_tfschema_setup_t*)tmcf->setups.elts + tlcf->setup, validator, r->connection->log);
  }
  if (outcome.verdict != TFSCHEMA_PRECHECK_REJECT) {
    ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0, "tfschema: %uz bytes passed: %s", length, outcome.reason);
    return NGX_DECLINED;
  }
  rc = ngx_http_tfschema_send(r, tlcf, &outcome);
  if (rc == NGX_DECLINED) {
    ngx_log_error(NGX_LOG_ERR, r->connection->log, 0, "tfschema: out of memory for the 422, the server answers");
    ctx->reason = "out of memory";
    return NGX_DECLINED;
  }
  ngx_log_error(NGX_LOG_INFO, r->connection->log, 0, "tfschema: 422 (%s) for a %uz-byte body: %uz error%s, first %s",
                tfschema_profile_name((tfschema_profile)tlcf->profile), length, outcome.error_count,
                outcome.error_count == 1 ? "" : "s", outcome.first_error_type);
  return rc;
}

/* The phase handler and its body callback */

static void ngx_http_tfschema_body_handler(ngx_http_request_t* r) {
  ngx_http_tfschema_ctx_t* ctx = ngx_http_get_module_ctx(r, ngx_http_tfschema_module);
  ngx_int_t rc = ngx_http_tfschema_judge(r, ctx);

  if (rc != NGX_DECLINED) {
    ctx->status = NGX_DONE;
    ngx_http_finalize_request(r, rc);
    return;
  }
  /* As the mirror module does: keep the body for proxy_pass (and for an
   * internal redirect), and resume the phases after this one. */
  ctx->status = NGX_DECLINED;
  r->preserve_body = 1;
  r->write_event_handler = ngx_http_core_run_phases;
  ngx_http_core_run_phases(r);
}

/* The Content-Type header lines: how many, and the last one's value. */
static ngx_uint_t ngx_http_tfschema_content_types(ngx_http_request_t* r, ngx_str_t* value) {
  ngx_list_part_t* part = &r->headers_in.headers.part;
  ngx_table_elt_t* h = part->elts;
  ngx_uint_t i, count = 0;

  for (i = 0; /* void */; i++) {
    if (i >= part->nelts) {
      if (part->next == NULL) break;
      part = part->next;
      h = part->elts;
      i = 0;
    }
    if (h[i].key.len == sizeof("Content-Type") - 1 &&
        ngx_strncasecmp(h[i].key.data, (u_char*)"Content-Type", sizeof("Content-Type") - 1) == 0) {
      *value = h[i].value;
      count++;
    }
  }
  return count;
}

static ngx_int_t ngx_http_tfschema_handler(ngx_http_request_t* r) {
  ngx_http_tfschema_loc_conf_t* tlcf;
  ngx_http_tfschema_ctx_t* ctx;
  ngx_str_t content_type = ngx_null_string;
  ngx_uint_t content_types;
  ngx_int_t rc;

  if (r != r->main) return NGX_DECLINED;
  tlcf = ngx_http_get_module_loc_conf(r, ngx_http_tfschema_module);
  if (tlcf->profile == NGX_HTTP_TFSCHEMA_OFF) return NGX_DECLINED;

  ctx = ngx_http_get_module_ctx(r, ngx_http_tfschema_module);
  if (ctx != NULL) return ctx->status; /* back after the body was judged */

  ctx = ngx_pcalloc(r->pool, sizeof(ngx_http_tfschema_ctx_t));
  if (ctx == NULL) return NGX_ERROR;
  ngx_http_set_ctx(r, ctx, ngx_http_tfschema_module);
  ctx->status = NGX_DECLINED;

  content_types = ngx_http_tfschema_content_types(r, &content_type);
  if (!tfschema_precheck_applies(r->method == NGX_HTTP_PUT, content_types, (const char*)content_type.data,
                                 content_type.len)) {
    ctx->reason = r->method == NGX_HTTP_PUT ? "not JSON to the server" : "not a PUT";
    return NGX_DECLINED;
  }

  ctx->status = NGX_DONE;
  rc = ngx_http_read_client_request_body(r, ngx_http_tfschema_body_handler);
  if (rc >= NGX_HTTP_SPECIAL_RESPONSE) return rc;
  ngx_http_finalize_request(r, NGX_DONE);
  return NGX_DONE;
}

/* $tfschema_precheck: why the module answered or let the request through
 * ("invalid", "valid", "server answers 400", "not a PUT", ...); empty where
 * the pre-check is off. */
static ngx_int_t ngx_http_tfschema_variable(ngx_http_request_t* r, ngx_http_variable_value_t* v, uintptr_t data) {
  ngx_http_tfschema_ctx_t* ctx = ngx_http_get_module_ctx(r->main, ngx_http_tfschema_module);
  (void)data;
  if (ctx == NULL || ctx->reason == NULL) {
    v->not_found = 1;
    return NGX_OK;
  }
  v->data = (u_char*)ctx->reason;
  v->len = ngx_strlen(ctx->reason);
  v->valid = 1;
  v->no_cacheable = 0;
  v->not_found = 0;
  return NGX_OK;
}

static ngx_int_t ngx_http_tfschema_add_variables(ngx_conf_t* cf) {
  ngx_http_variable_t* var = ngx_http_add_variable(cf, &ngx_http_tfschema_variable_name, NGX_HTTP_VAR_NOCACHEABLE);
  if (var == NULL) return NGX_ERROR;
  var->get_handler = ngx_http_tfschema_variable;
  return NGX_OK;
}

static ngx_int_t ngx_http_tfschema_init(ngx_conf_t* cf) {
  ngx_http_core_main_conf_t* cmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_core_module);
  ngx_http_handler_pt* h = ngx_array_push(&cmcf->phases[NGX_HTTP_PRECONTENT_PHASE].handlers);
  ngx_pool_cleanup_t* cleanup;

  if (h == NULL) return NGX_ERROR;
  *h = ngx_http_tfschema_handler;
  /* Frees the validators a process made, when it destroys this cycle (a
   * worker on exit; a single-process nginx on reload). */
  cleanup = ngx_pool_cleanup_add(cf->pool, 0);
  if (cleanup == NULL) return NGX_ERROR;
  cleanup->handler = ngx_http_tfschema_free_validators;
  cleanup->data = ngx_http_conf_get_module_main_conf(cf, ngx_http_tfschema_module);
  return NGX_OK;
}
