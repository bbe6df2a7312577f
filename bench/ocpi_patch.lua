-- wrk script: OCPI PATCHes of EVSE status, each EVSE's updates in increasing
-- last_updated order (a thread owns every THREADSth EVSE), each flipping its status.
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  evses = tonumber(os.getenv("EVSES"))
  prefix = os.getenv("PREFIX")
  base = tonumber(os.getenv("BASE_EPOCH"))
  sent = 0
  wrk.method = "PATCH"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Token " .. os.getenv("TOKEN")
end

function request()
  local evse = (sent * tonumber(os.getenv("THREADS")) + id) % evses
  sent = sent + 1
  -- Each visit to an EVSE flips it, so every update really changes something.
  local visit = math.floor((sent - 1) * tonumber(os.getenv("THREADS")) / evses)
  local status = (visit % 2 == 0) and "CHARGING" or "AVAILABLE"
  local body = string.format('{"status": "%s", "last_updated": "%s"}', status,
    os.date("!%Y-%m-%dT%H:%M:%SZ", base + sent))
  local location = math.floor(evse / tonumber(os.getenv("EVSES_PER_LOCATION")))
  return wrk.format(nil, prefix .. "L" .. location .. "/E" .. evse .. "/", nil, body)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("unexpected " .. status .. " " .. body .. "\n")
  end
end

function done(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
