-- bench/wrk/vary.lua — requests that miss the server's answer cache: every
-- request draws its as-of date, filters, sort and page (or breakdown) at
-- random, so the same URL almost never comes twice (bench/http.sh).
--
--   wrk ... -s bench/wrk/vary.lua URL -- MODE SCALE YEAR
--     MODE   section  GET /measures?year=Y&asof=D&by=section, D drawn
--            page     GET /projects?year=Y&asof=D&limit=50&offset=N&sort=-total_investment
--            list     a project list: D, filters, sort, direction and page drawn
--            measures the measures: D, filters and breakdown drawn
--            project  one project (GET /projects/REF) as of D
--            mixed    60 % list, 25 % measures, 15 % project
--            reports  the month's report list (GET /reports?month=M): M any month of
--                     YEAR, a section in 6 of 10, a status in 3 of 10, a search in 1
--                     of 10 (the list has no pages: a whole section, or the city)
--     SCALE  demo (sections S01-S06, refs 2024-001 …) | city (bench/gen_city.py:
--            districts 320201-320210, sections 3202DD-S01 … S05, refs XM000001 …)
--     YEAR   the listed year, e.g. 2024
-- The seed is fixed per thread: two runs send the same requests.

local counter = 0
local threads = {}

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

local mode, scale, year
local sections, refs_n
local sorts = { "ref", "name", "total_investment", "annual_plan", "planned_start",
                "light", "section" }
local tiers = { "province", "city", "district" }
local bys = { "section", "tier", "department", "month", "industry" }
local stages = { "signed", "filed", "started", "completed", "production" }

function init(args)
   mode = args[1] or "mixed"
   scale = args[2] or "demo"
   year = tonumber(args[3] or "2024")
   math.randomseed(1000 + (id or 0))
   sections = {}
   if scale == "city" then
      for d = 1, 10 do
         table.insert(sections, string.format("3202%02d", d))
         for s = 1, 5 do
            table.insert(sections, string.format("3202%02d-S%02d", d, s))
         end
      end
      refs_n = 16400
   else
      for s = 1, 6 do table.insert(sections, string.format("S%02d", s)) end
      refs_n = 164
   end
end

local function pick(t) return t[math.random(#t)] end

-- A day of the year (no 29 February: every year has the others).
local function asof()
   local m = math.random(12)
   local days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
   return string.format("%d-%02d-%02d", year, m, math.random(days[m]))
end

-- Filters as a real office uses them: often none, sometimes one or two.
local function filters()
   local f = ""
   local r = math.random(10)
   if r <= 3 then f = f .. "&section=" .. pick(sections) end
   if r >= 3 and r <= 5 then f = f .. "&tier=" .. pick(tiers) end
   if r == 6 then f = f .. "&industrial=1" end
   if r == 7 then f = f .. "&reached=" .. pick(stages) end
   return f
end

local function list()
   local sort = pick(sorts)
   if math.random(2) == 1 then sort = "-" .. sort end
   local f = filters()
   -- Deep pages only without filters (a filtered list is short).
   local offset = f == "" and 50 * math.random(0, 200) or 50 * math.random(0, 3)
   return string.format("/api/v1/projects?year=%d&asof=%s&limit=50&offset=%d&sort=%s%s",
                        year, asof(), offset, sort, f)
end

local function measures()
   local by = math.random(3) == 1 and "" or "&by=" .. pick(bys)
   return string.format("/api/v1/measures?year=%d&asof=%s%s%s", year, asof(), by, filters())
end

local function project()
   local ref
   if scale == "city" then
      ref = string.format("XM%06d", math.random(refs_n))
   else
      ref = string.format("%d-%03d", year, math.random(refs_n))
   end
   return string.format("/api/v1/projects/%s?year=%d&asof=%s", ref, year, asof())
end

local statuses = { "missing", "not_reported", "draft", "submitted", "returned", "verified" }

local function reports()
   local f = ""
   if math.random(10) <= 6 then f = f .. "&section=" .. pick(sections) end
   if math.random(10) <= 3 then f = f .. "&status=" .. pick(statuses) end
   if math.random(10) == 1 then f = f .. "&q=" .. (scale == "city" and "XM0001" or "2024-0") end
   return string.format("/api/v1/reports?month=%d-%02d%s", year, math.random(12), f)
end

function request()
   local path
   if mode == "section" then
      path = string.format("/api/v1/measures?year=%d&asof=%s&by=section", year, asof())
   elseif mode == "page" then
      path = string.format("/api/v1/projects?year=%d&asof=%s&limit=50&offset=%d"
                           .. "&sort=-total_investment", year, asof(), 50 * math.random(0, 200))
   elseif mode == "list" then
      path = list()
   elseif mode == "measures" then
      path = measures()
   elseif mode == "project" then
      path = project()
   elseif mode == "reports" then
      path = reports()
   else
      local r = math.random(100)
      if r <= 60 then path = list() elseif r <= 85 then path = measures() else path = project() end
   end
   return wrk.format("GET", path)
end
