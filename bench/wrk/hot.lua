-- hot: the study's 10 URLs, in rotation (each thread starts at its own offset). A cache serves
-- all of them after the first request; with the cache off every request is encoded.
-- Usage: wrk -s hot.lua http://127.0.0.1:PORT
local dir = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local common = dofile(dir .. "common.lua")

-- The URLs' single source, shared with the Rust and .NET tests and benchmarks: one URL per line.
local urls_path = dir .. "../../native/qr-core/data/study-urls.txt"
local texts = {}
do
  local file, err = io.open(urls_path, "r")
  if not file then error("hot.lua: cannot open the study's URLs (" .. tostring(err) .. ")") end
  for line in file:lines() do
    line = line:gsub("\r$", "")
    if line ~= "" then texts[#texts + 1] = line end
  end
  file:close()
  if #texts == 0 then error("hot.lua: no URLs in " .. urls_path) end
end

local requests_ = {}
local i = 0

setup = common.setup
done = common.done

function init(args)
  for k, text in ipairs(texts) do requests_[k] = common.request_for(text) end
  i = (thread_id or 0) % #requests_
end

function request()
  i = i % #requests_ + 1
  return requests_[i]
end
