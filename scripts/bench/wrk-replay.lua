-- wrk script: sends the raw HTTP requests prepared in $WRK_REQUESTS (separated by NUL bytes) in
-- order from index $WRK_OFFSET, and prints one JSON line with the run's figures when it ends.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv('WRK_REQUESTS'), 'rb'))
  local data = file:read('*a')
  file:close()
  prepared = {}
  for raw in string.gmatch(data, '([^%z]+)') do prepared[#prepared + 1] = raw end
  offset = tonumber(os.getenv('WRK_OFFSET')) or 0
  sent = 0
end

function request()
  sent = sent + 1
  return prepared[(offset + sent - 1) % #prepared + 1]
end

function done(summary, latency, requests)
  local sentTotal, preparedTotal = 0, 0
  for _, t in ipairs(threads) do
    sentTotal = sentTotal + t:get('sent')
    preparedTotal = preparedTotal + #t:get('prepared')
  end
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"socketErrors":%d,"sent":%d,"prepared":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout, sentTotal, preparedTotal))
end
