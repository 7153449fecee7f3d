-- cold: every request a text never asked for before, so no cache can help:
--   https://example.com/cold/<run>/<thread>/<n>
-- <run> is a random prefix the runner passes for each run (warm-up and measured runs differ),
-- <thread> the wrk thread, <n> a per-thread counter. The texts are as long as the study's URLs
-- (35-50 bytes), so each encode costs about what a hot one does.
-- Usage: wrk -s cold.lua http://127.0.0.1:PORT -- <run-prefix>
local dir = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local common = dofile(dir .. "common.lua")

local prefix
local n = 0

setup = common.setup
done = common.done

function init(args)
  prefix = "https://example.com/cold/" .. (args[1] or tostring(os.time())) .. "/" .. tostring(thread_id or 0) .. "/"
end

function request()
  n = n + 1
  return common.request_for(prefix .. n)
end
