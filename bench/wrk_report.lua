-- wrk script: request from the environment, one JSON line of results at the end.
--   BENCH_METHOD (GET|POST), BENCH_BODY_FILE (POST body), BENCH_CONTENT_TYPE, BENCH_ACCEPT
local method = os.getenv("BENCH_METHOD") or "GET"
wrk.method = method
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
end
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then
  wrk.headers["Content-Type"] = content_type
end
local accept = os.getenv("BENCH_ACCEPT")
if accept and accept ~= "" then
  wrk.headers["Accept"] = accept
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
