-- hot: the study's 10 URLs, in rotation (each thread starts at its own offset). A cache serves
-- all of them after the first request; with the cache off every request is encoded.
-- Usage: wrk -s hot.lua http://127.0.0.1:PORT
local dir = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local common = dofile(dir .. "common.lua")

local texts = {
  "https://github.com/pretzelhammer/rust-blog",
  "https://www.reddit.com/r/rustjerk/top/?t=all",
  "https://youtu.be/cE0wfjsybIQ?t=74",
  "https://www.reddit.com/r/rust/top/?t=month",
  "https://devswag.com/products/rust-ferris",
  "https://www.youtube.com/watch?v=TGfQu0bQTKc",
  "https://tourofrust.com",
  "https://github.com/rust-lang/rustlings",
  "https://exercism.org/tracks/rust",
  "https://en.wikipedia.org/wiki/Carcinisation",
}

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
