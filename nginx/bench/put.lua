-- wrk script: PUT /api/ml/v1/artifact-versions with JSON bodies read from files.
--   wrk -s put.lua URL -- BODY.json [BODY2.json ...]
-- Requests take the bodies in turn; answers are not parsed (wrk still counts the non-2xx ones).
local path = "/api/ml/v1/artifact-versions"
local requests, next_request = {}, 1

function init(args)
  for _, file in ipairs(args) do
    local f = assert(io.open(file, "rb"))
    local body = f:read("*a")
    f:close()
    table.insert(requests, wrk.format("PUT", path, {["Content-Type"] = "application/json"}, body))
  end
  assert(#requests > 0, "put.lua: no body file given")
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
