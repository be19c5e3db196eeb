-- wrk script for make loadtest and make bench: requests the paths given
-- after "--" in turn (scripts/stack.py passes them), counts answers by
-- status, and prints one JSON line at the end.
--
--   wrk ... -s wrk-summary.lua URL -- /a/ /b/
local paths = {}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    statuses = {}
    counter = 0
    paths = args
end

request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
end

response = function(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency, requests)
    local merged = {}
    for _, thread in ipairs(threads) do
        for status, n in pairs(thread:get("statuses")) do
            merged[tostring(status)] = (merged[tostring(status)] or 0) + n
        end
    end
    local parts = {}
    for status, n in pairs(merged) do
        table.insert(parts, string.format('"%s":%d', status, n))
    end
    local errors = summary.errors
    io.write(string.format(
        '{"requests":%d,"socket_errors":%d,"non2xx":%d,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"statuses":{%s}}\n',
        summary.requests, errors.connect + errors.read + errors.write + errors.timeout,
        errors.status, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ",")))
end
