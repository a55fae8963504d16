-- wrk script: simulated Lumen agents posting ingest frames over keep-alive connections.
--
-- Arguments (after "--"): FRAMES_FILE HOST_COUNT THREAD_COUNT TS_BASE_UNIX
--   FRAMES_FILE   one line per host: token TAB body-before-ts TAB body-after-ts
--   HOST_COUNT    how many of its lines (hosts) take part
--   THREAD_COUNT  wrk's -t, so every thread owns its own slice of hosts
--   TS_BASE_UNIX  the ts of every host's first frame, in unix seconds
--
-- Each thread sends to its hosts in turn; every round moves ts on by one agent interval,
-- so (host, ts) never repeats and each frame is a new row, as from real agents.
-- Requests are prebuilt per host in init() and only the ts is spliced in per request,
-- because wrk and the hub share two cores and every microsecond spent here is stolen.

local AGENT_INTERVAL_SECONDS = 5
local TS_PLACEHOLDER = "0000-00-00T00:00:00Z" -- as long as every ts we write

local next_thread_id = 0

function setup(thread)
   thread:set("thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
end

local heads, tails = {}, {}
local host_total, sent, ts_base = 0, 0, 0

local function split_line(line)
   local token, before, after = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
   if not token then error("malformed frames line: " .. line:sub(1, 80)) end
   return token, before, after
end

function init(args)
   local frames_file, host_count, thread_count = args[1], tonumber(args[2]), tonumber(args[3])
   ts_base = tonumber(args[4])
   local first = math.floor(thread_id * host_count / thread_count)
   local last = math.floor((thread_id + 1) * host_count / thread_count) - 1

   local index = 0
   for line in io.lines(frames_file) do
      if index > last then break end
      if index >= first then
         local token, before, after = split_line(line)
         local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
         local whole = wrk.format("POST", wrk.path, headers, before .. TS_PLACEHOLDER .. after)
         local at = whole:find(TS_PLACEHOLDER, 1, true)
         heads[#heads + 1] = whole:sub(1, at - 1)
         tails[#tails + 1] = whole:sub(at + #TS_PLACEHOLDER)
      end
      index = index + 1
   end
   host_total = #heads
   if host_total == 0 then error("thread " .. thread_id .. " has no hosts: HOST_COUNT below THREAD_COUNT?") end
end

function request()
   local slot = sent % host_total
   local round = (sent - slot) / host_total
   sent = sent + 1
   local ts = os.date("!%Y-%m-%dT%H:%M:%SZ", ts_base + round * AGENT_INTERVAL_SECONDS)
   return heads[slot + 1] .. ts .. tails[slot + 1]
end

-- One machine-readable line for the bench; durations and latencies in microseconds.
function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      "lumen-wrk-result requests=%d duration_us=%d status_errors=%d connect_errors=%d read_errors=%d write_errors=%d timeouts=%d p50_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
      latency:percentile(50), latency:percentile(99), latency.max))
end
