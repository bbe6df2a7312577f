-- wrk: GET each of PATHS (space-separated) in turn, one list per thread; HEADER optional.
local paths = {}
for path in string.gmatch(os.getenv("PATHS") or "/", "%S+") do
  paths[#paths + 1] = path
end
local header = os.getenv("HEADER")
local counter = 0

function setup(thread)
  thread:set("counter", math.random(#paths))
end

request = function()
  counter = counter % #paths + 1
  local headers = {}
  if header and header ~= "" then
    local name, value = string.match(header, "^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  return wrk.format("GET", paths[counter], headers)
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "errors": %d, "non_2xx_404": %d, "p50_ms": %.2f, "p95_ms": %.2f}\n',
    summary.requests, summary.duration / 1e6,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status, latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
