-- mixed: Zipf-distributed (s = 1) over 10,000 texts https://example.com/item/<rank>, the way
-- real traffic repeats a few texts often and most rarely. A cache serves the head; the tail is
-- encoded. Rank k is drawn with probability (1/k) / H(10000) by a binary search over the CDF.
-- Usage: wrk -s mixed.lua http://127.0.0.1:PORT [-- <seed>]
local dir = debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./"
local common = dofile(dir .. "common.lua")

local N, S = 10000, 1.0
local cdf, requests_ = {}, {}

setup = common.setup
done = common.done

function init(args)
  local total = 0
  for k = 1, N do
    total = total + 1 / k ^ S
    cdf[k] = total
  end
  for k = 1, N do
    cdf[k] = cdf[k] / total
    requests_[k] = common.request_for("https://example.com/item/" .. k)
  end
  local seed = tonumber(args[1]) or os.time()
  math.randomseed(seed + 7919 * (thread_id or 0))
end

local function draw()
  local u = math.random()
  local lo, hi = 1, N
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end

function request()
  return requests_[draw()]
end
