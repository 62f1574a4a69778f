-- wrk -s bench/wrk-post.lua: POST the GraphQL body from the file named by env BODY
-- (the same script as ../shared/peers/p1/post.lua).
local f = assert(io.open(os.getenv("BODY"), "r")); local body = f:read("*a"); f:close()
wrk.method = "POST"; wrk.body = body
wrk.headers["Content-Type"] = "application/json"
