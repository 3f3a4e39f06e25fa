/* TFSCHEMA_API marks what libtfschema.so exports: the library is compiled
 * with hidden visibility, so everything else stays internal to it. */
#ifndef TFSCHEMA_EXPORT_H
#define TFSCHEMA_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define TFSCHEMA_API __attribute__((visibility("default")))
#else
#define TFSCHEMA_API
#endif

#endif /* TFSCHEMA_EXPORT_H */
