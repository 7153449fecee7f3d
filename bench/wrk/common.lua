-- Shared by the workload scripts (hot.lua, cold.lua, mixed.lua), loaded with dofile from the
-- scripts' own folder. Each workload defines its texts; this file turns them into requests and
-- prints one machine-readable line when wrk is done, which the bench runner parses:
--   WRK_JSON {"requests":..,"duration_us":..,"bytes":..,"errors":{..},"latency_us":{..}}
-- wrk counts a response with status >= 400 in errors.status (no response() callback needed).

local common = {}

-- Percent-encodes everything outside RFC 3986's unreserved set (as encodeURIComponent would,
-- and more): the server must see exactly the text.
function common.urlencode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function common.request_for(text)
  return wrk.format("GET", "/qrcode?text=" .. common.urlencode(text))
end

-- setup() runs in the main Lua state once per thread before they start: number the threads.
local next_thread_id = 0
function common.setup(thread)
  thread:set("thread_id", next_thread_id)
  next_thread_id = next_thread_id + 1
end

function common.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

return common
