-- The strict REST door: an Envoy Lua filter in front of the gRPC-JSON transcoder.
--
-- The transcoder drops JSON body fields its request message does not have (envoyproxy/envoy
-- #46623), so a misspelt field would be lost with a 200. This filter refuses, for every REST
-- route with a body: a non-JSON Content-Type (415), malformed JSON (400), a field the request
-- message does not have, at any depth, maps included (400 naming it), a boolean that is not
-- true/false, a value of the wrong JSON type, and an update (PUT) with no recognised field.
-- On every route it refuses a query parameter given twice for a field that is not repeated
-- (the transcoder would silently keep the last value); repeated fields may repeat.
-- On the way out it adds `detail` (the sentence a person reads) to every JSON error body,
-- escapes `<` and `>` in it, and sets `X-Content-Type-Options: nosniff` on every response.
--
-- ROUTES and MESSAGES are generated from the descriptor set when the config is rendered
-- (cloudact_grpc/rest_door.py) and are prepended to this file.

local MAX_DEPTH = 64
local DOMAIN = "api.cloudact.ai"

-- Where the UTF-8 sequence starting at byte ``i`` of ``s`` ends, or nil when it is not valid
-- UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
local function utf8_end(s, i)
  local c = s:byte(i)
  if c < 0x80 then return i end
  local n, lo, hi
  if c >= 0xC2 and c <= 0xDF then n, lo, hi = 1, 0x80, 0xBF
  elseif c == 0xE0 then n, lo, hi = 2, 0xA0, 0xBF
  elseif c == 0xED then n, lo, hi = 2, 0x80, 0x9F
  elseif c >= 0xE1 and c <= 0xEF then n, lo, hi = 2, 0x80, 0xBF
  elseif c == 0xF0 then n, lo, hi = 3, 0x90, 0xBF
  elseif c == 0xF4 then n, lo, hi = 3, 0x80, 0x8F
  elseif c >= 0xF1 and c <= 0xF3 then n, lo, hi = 3, 0x80, 0xBF
  else return nil end
  local b = s:byte(i + 1)
  if b == nil or b < lo or b > hi then return nil end
  for j = i + 2, i + n do
    b = s:byte(j)
    if b == nil or b < 0x80 or b > 0xBF then return nil end
  end
  return i + n
end

-- The well-formed multi-byte sequences (RFC 3629), by lead byte; lead and continuation bytes
-- are disjoint, so each pattern matches only whole sequences.
local UTF8_SEQUENCES = {
  "[\194-\223][\128-\191]",
  "\224[\160-\191][\128-\191]",
  "[\225-\236\238\239][\128-\191][\128-\191]",
  "\237[\128-\159][\128-\191]",
  "\240[\144-\191][\128-\191][\128-\191]",
  "[\241-\243][\128-\191][\128-\191][\128-\191]",
  "\244[\128-\143][\128-\191][\128-\191]",
}

-- Whether ``s`` is valid UTF-8: with every well-formed sequence replaced by an ASCII letter (so
-- no stray bytes join up), no byte above 127 is left. gsub runs in C: no Lua loop per byte.
local function utf8_valid(s)
  if not s:find("[\128-\255]") then return true end
  for _, sequence in ipairs(UTF8_SEQUENCES) do
    s = s:gsub(sequence, "a")
  end
  return not s:find("[\128-\255]")
end

-- ``s`` with every byte that is not part of valid UTF-8 replaced by U+FFFD.
local function utf8_clean(s)
  if utf8_valid(s) then return s end
  local out, i = {}, 1
  while i <= #s do
    local stop = utf8_end(s, i)
    out[#out + 1] = stop and s:sub(i, stop) or "\239\191\189"
    i = (stop or i) + 1
  end
  return table.concat(out)
end

-- JSON text of a string, with <, > and & escaped so no markup is ever echoed.
local function quote(text)
  local escaped = utf8_clean(text):gsub('[%z\1-\31"\\<>&\127]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. escaped .. '"'
end

-- A strict JSON parser (RFC 8259): values are {k=kind, ...}; objects keep key order.
local function parse_json(s)
  local pos, len = 1, #s
  local function fail(msg)
    error({ json_error = msg .. " at byte " .. pos }, 0)
  end
  local function skip_ws()
    pos = s:find("[^ \t\r\n]", pos) or len + 1
  end
  local escapes = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
  -- The string's text and whether it is text at all: invalid UTF-8 or a lone UTF-16
  -- surrogate escape makes it ``bad`` (refused naming its field, not as malformed JSON).
  local function parse_string()
    pos = pos + 1
    local parts, bad = {}, false
    local function escaped_cp(at)
      local hex = s:sub(at, at + 3)
      if not hex:match("^%x%x%x%x$") then fail("bad \\u escape") end
      return tonumber(hex, 16), hex
    end
    while true do
      local stop = s:find('[%z\1-\31"\\]', pos)
      if not stop then fail("unterminated string") end
      parts[#parts + 1] = s:sub(pos, stop - 1)
      pos = stop
      local c = s:sub(pos, pos)
      if c == '"' then
        pos = pos + 1
        local text = table.concat(parts)
        return text, bad or not utf8_valid(text)
      elseif c == "\\" then
        local e = s:sub(pos + 1, pos + 1)
        if escapes[e] then
          parts[#parts + 1] = escapes[e]
          pos = pos + 2
        elseif e == "u" then
          local cp, hex = escaped_cp(pos + 2)
          pos = pos + 6
          if cp >= 0xD800 and cp <= 0xDBFF then -- a high surrogate needs its low half next
            local low = s:sub(pos, pos + 1) == "\\u" and escaped_cp(pos + 2)
            if low and low >= 0xDC00 and low <= 0xDFFF then
              hex = hex .. "\\u" .. s:sub(pos + 2, pos + 5)
              pos = pos + 6
            else
              bad = true
            end
          elseif cp >= 0xDC00 and cp <= 0xDFFF then
            bad = true
          end
          parts[#parts + 1] = cp < 128 and string.char(cp) or ("\\u" .. hex)
        else
          fail("bad escape")
        end
      else
        fail("control character in a string")
      end
    end
  end
  local function digits(at)
    local _, e = s:find("^%d+", at)
    if not e then fail("bad number") end
    return e + 1
  end
  local function parse_number()
    local start = pos
    if s:sub(pos, pos) == "-" then pos = pos + 1 end
    local c = s:sub(pos, pos)
    if c == "0" then
      pos = pos + 1
    elseif c:match("%d") then
      pos = digits(pos)
    else
      fail("unexpected character")
    end
    if s:sub(pos, pos) == "." then pos = digits(pos + 1) end
    c = s:sub(pos, pos)
    if c == "e" or c == "E" then
      pos = pos + 1
      c = s:sub(pos, pos)
      if c == "+" or c == "-" then pos = pos + 1 end
      pos = digits(pos)
    end
    return { k = "number", text = s:sub(start, pos - 1) }
  end
  local parse_value
  -- The members of an object or array, from its opening bracket to ``close``: ``member``
  -- reads one, commas go between them.
  local function parse_members(close, member)
    pos = pos + 1
    skip_ws()
    if s:sub(pos, pos) == close then
      pos = pos + 1
      return
    end
    while true do
      member()
      skip_ws()
      local c = s:sub(pos, pos)
      pos = pos + 1
      if c == close then return end
      if c ~= "," then fail("expected ',' or '" .. close .. "'") end
    end
  end
  local function parse_object(depth)
    local obj = { k = "object", keys = {}, vals = {}, seen = {} }
    parse_members("}", function()
      skip_ws()
      if s:sub(pos, pos) ~= '"' then fail("expected a quoted key") end
      local key = parse_string()
      key = utf8_clean(key)
      if obj.seen[key] then fail("duplicate key") end
      obj.seen[key] = true
      skip_ws()
      if s:sub(pos, pos) ~= ":" then fail("expected ':'") end
      pos = pos + 1
      obj.keys[#obj.keys + 1] = key
      obj.vals[#obj.vals + 1] = parse_value(depth + 1)
    end)
    return obj
  end
  local function parse_array(depth)
    local arr = { k = "array", items = {} }
    parse_members("]", function()
      arr.items[#arr.items + 1] = parse_value(depth + 1)
    end)
    return arr
  end
  parse_value = function(depth)
    if depth > MAX_DEPTH then fail("nested too deeply") end
    skip_ws()
    local c = s:sub(pos, pos)
    if c == "{" then return parse_object(depth) end
    if c == "[" then return parse_array(depth) end
    if c == '"' then
      local text, bad = parse_string()
      return { k = "string", v = text, bad = bad }
    end
    if s:sub(pos, pos + 3) == "true" then
      pos = pos + 4
      return { k = "bool" }
    end
    if s:sub(pos, pos + 4) == "false" then
      pos = pos + 5
      return { k = "bool" }
    end
    if s:sub(pos, pos + 3) == "null" then
      pos = pos + 4
      return { k = "null" }
    end
    if c == "" then fail("unexpected end of input") end
    return parse_number()
  end
  local value = parse_value(0)
  skip_ws()
  if pos <= len then fail("unexpected data after the JSON value") end
  return value
end

local NUMERIC_TEXT = "^%-?%d+%.?%d*[eE]?[%+%-]?%d*$"
local INTEGER_RANGES = { int32 = { -2147483648, 2147483647 }, uint32 = { 0, 4294967295 } }

-- Why a number (JSON number or numeric string) does not fit ``kind``, or nil when it does.
local function number_problem(kind, v)
  local text = v.k == "string" and v.v or v.text
  if v.k ~= "number" and not (v.k == "string" and text:match(NUMERIC_TEXT)) then
    return INTEGER_RANGES[kind] and "must be an integer" or "must be a number"
  end
  local n = tonumber(text)
  if n == nil or n ~= n or n == math.huge or n == -math.huge then
    return "must be a number within the range of a double"
  end
  local range = INTEGER_RANGES[kind]
  if range == nil then return nil end
  if n ~= math.floor(n) then return "must be a whole number" end
  if n < range[1] or n > range[2] then
    return string.format("must be between %d and %d", range[1], range[2])
  end
  return nil
end

-- Why a value does not fit a scalar kind, or nil when it does.
local function scalar_problem(kind, v)
  if v.k == "string" and v.bad then return "must be valid UTF-8 text" end
  if kind == "bool" then
    if v.k ~= "bool" then return "must be true or false" end
  elseif kind == "string" then
    if v.k ~= "string" then return "must be a string" end
  elseif kind == "number" or INTEGER_RANGES[kind] then
    return number_problem(kind, v)
  elseif kind == "enum" then
    if v.k ~= "string" and v.k ~= "number" then return "must be a string" end
  end
  return nil
end

local check_message

-- Checks one value against a field type {kind, message}; appends {field, description}.
local function check_value(ftype, v, path, out)
  if v.k == "null" then return end
  if v.k == "string" and v.bad then
    out[#out + 1] = { path, "must be valid UTF-8 text" }
    return
  end
  if ftype.message then
    if MESSAGES[ftype.message] == nil then return end -- well-known types: the transcoder checks
    if v.k ~= "object" then
      out[#out + 1] = { path, "must be an object" }
      return
    end
    check_message(ftype.message, v, path .. ".", out)
    return
  end
  local problem = scalar_problem(ftype.kind, v)
  if problem then out[#out + 1] = { path, problem } end
end

-- The elements of a map (an "object", named by their keys) or of a repeated field (an "array",
-- named by their indices from 0), each checked against ``etype``.
local function check_elements(kind, etype, v, path, out)
  if v.k ~= kind then
    out[#out + 1] = { path, "must be an " .. kind }
    return
  end
  local elements = kind == "object" and v.vals or v.items
  for i, element in ipairs(elements) do
    local name = kind == "object" and v.keys[i] or (i - 1)
    check_value(etype, element, path .. "[" .. name .. "]", out)
  end
end

local function check_field(field, v, path, out)
  if v.k == "null" then return end
  if field.map then
    check_elements("object", field.map, v, path, out)
  elseif field.repeated then
    check_elements("array", field, v, path, out)
  else
    check_value(field, v, path, out)
  end
end

check_message = function(name, obj, prefix, out)
  local fields = MESSAGES[name]
  for i, key in ipairs(obj.keys) do
    local field = fields[key]
    if field == nil then
      out[#out + 1] = { prefix .. key, "unknown field" }
    else
      check_field(field, obj.vals[i], prefix .. key, out)
    end
  end
end

local function error_body(code, reason, message, violations)
  local details = {
    '{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":' .. quote(reason)
      .. ',"domain":' .. quote(DOMAIN) .. ',"metadata":{}}',
  }
  if violations and #violations > 0 then
    local items = {}
    for i, v in ipairs(violations) do
      items[i] = '{"field":' .. quote(v[1]) .. ',"description":' .. quote(v[2]) .. "}"
    end
    details[2] = '{"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":['
      .. table.concat(items, ",") .. "]}"
  end
  return '{"code":' .. code .. ',"message":' .. quote(message) .. ',"detail":' .. quote(message)
    .. ',"details":[' .. table.concat(details, ",") .. "]}"
end

local function refuse(handle, status, reason, message, violations)
  local headers = handle:headers()
  headers:add("x-cloudact-door", "refused")
  handle:respond({
    [":status"] = tostring(status),
    ["content-type"] = "application/json",
    ["x-content-type-options"] = "nosniff",
    -- The id the caller sent (or Envoy made), as the service echoes it: the access log has it.
    ["x-request-id"] = headers:get("x-request-id"),
  }, error_body(3, reason, message, violations))
end

local function find_route(method, path)
  for _, route in ipairs(ROUTES) do
    if route.method == method and path:match(route.pattern) then return route end
  end
  return nil
end

-- The field a query parameter names in ``message``: a field path (`a.b`) of proto names; nil
-- when unknown (the transcoder refuses it).
local function query_field(message, name)
  local field
  for part in name:gmatch("[^.]+") do
    local fields = MESSAGES[message or ""]
    if fields == nil then return nil end
    field = fields[part]
    if field == nil then return nil end
    message = field.message
  end
  return field
end

local function unhex(h) return string.char(tonumber(h, 16)) end
local function snake(c) return "_" .. c:lower() end

-- The first parameter of ``query`` given more than once for a field that is not repeated (the
-- transcoder would keep only the last value), or nil. Names are percent-decoded and read as
-- proto names (a lowerCamelCase JSON name is the same field).
local function repeated_singular(message, query)
  local seen = {}
  for pair in query:gmatch("[^&]+") do
    local name = pair:match("^[^=]*"):gsub("%%(%x%x)", unhex):gsub("%u", snake)
    if seen[name] then
      local field = query_field(message, name)
      if field and not field.repeated then return name end
    end
    seen[name] = true
  end
  return nil
end

local function describe(violations)
  local names = {}
  for i, v in ipairs(violations) do
    if i > 5 then break end
    names[#names + 1] = "'" .. v[1] .. "' " .. v[2]
  end
  return "invalid request body: " .. table.concat(names, "; ")
end

-- JSON, or curl's default for `-d` (the seed's quick references send JSON that way); the
-- body must parse as JSON either way.
local function json_content_type(content_type)
  local media = content_type:match("^[^;]*"):gsub("%s", "")
  return media == "" or media == "application/json" or media:find("^application/[%w.%-]+%+json$") ~= nil
    or media == "application/x-www-form-urlencoded"
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local content_type = (headers:get("content-type") or ""):lower()
  if content_type:find("^application/grpc") then return end
  local target = headers:get(":path") or ""
  local path = target:gsub("%?.*$", "")
  local route = find_route(headers:get(":method") or "", path)
  if route == nil then return end
  local query = target:match("%?(.*&.*)$")
  local twice = query and repeated_singular(route.request, query)
  if twice then
    refuse(handle, 400, "INVALID_REQUEST", "query parameter '" .. twice
      .. "' is given more than once; it takes one value",
      { { twice, "given more than once; it takes one value" } })
    return
  end
  local body = handle:body()
  local text = body and body:getBytes(0, body:length()) or ""
  if text:find("^[ \t\r\n]*$") then
    if route.update then
      refuse(handle, 400, "INVALID_REQUEST", "nothing to update: the body names no field", {})
    end
    return
  end
  if not route.body then
    refuse(handle, 400, "INVALID_REQUEST", "this route takes no request body",
      { { "body", "must be empty" } })
    return
  end
  if not json_content_type(content_type) then
    refuse(handle, 415, "UNSUPPORTED_MEDIA_TYPE",
      "the request body must be JSON (Content-Type: application/json)", {})
    return
  end
  local ok, parsed = pcall(parse_json, text)
  if not ok then
    local why = type(parsed) == "table" and parsed.json_error or "malformed"
    refuse(handle, 400, "INVALID_REQUEST", "the request body is not valid JSON: " .. why,
      { { "body", why } })
    return
  end
  if parsed.k ~= "object" then
    refuse(handle, 400, "INVALID_REQUEST", "the request body must be a JSON object",
      { { "body", "must be an object" } })
    return
  end
  local violations = {}
  check_message(route.message, parsed, "", violations)
  if #violations > 0 then
    refuse(handle, 400, "INVALID_REQUEST", describe(violations), violations)
    return
  end
  if route.update then
    -- A field sent as null changes nothing (proto JSON reads null as not sent): when nothing
    -- else is left, the refusal names those fields (an emptied form input is sent as null).
    local nulls = {}
    for i, key in ipairs(parsed.keys) do
      if not route.not_updates[key] then
        if parsed.vals[i].k ~= "null" then return end
        nulls[#nulls + 1] = { key, "is null: send a value to change it" }
      end
    end
    refuse(handle, 400, "INVALID_REQUEST", "nothing to update: the body names no field to change",
      nulls)
  end
end

-- Adds `detail` (the message) to a JSON error body that lacks it.
local function with_detail(text)
  local ok, parsed = pcall(parse_json, text)
  if not ok or parsed.k ~= "object" or parsed.seen["detail"] then return text end
  local message = nil
  for i, key in ipairs(parsed.keys) do
    if key == "message" and parsed.vals[i].k == "string" then message = parsed.vals[i].v end
  end
  if message == nil then return text end
  local rest = text:match("^[ \t\r\n]*{(.*)$")
  if rest:match("^[ \t\r\n]*}") then return '{"detail":' .. quote(message) .. rest end
  return '{"detail":' .. quote(message) .. "," .. rest
end

-- The field a refusal of Envoy's transcoder names in its words, and why: a value it cannot
-- read ("limit: invalid value "abc" for type TYPE_INT32", query parameters included) or an
-- unknown query parameter ("Could not find field "x" in the type ...").
local function transcoder_violation(message)
  local field = message:match('^Could not find field "([^"]+)" in the type')
  if field then return field, "unknown field" end
  local name, why = message:match("^([%w_%.]+): (invalid value .*)$")
  return name, why
end

-- A 400 of the transcoder that names a field in its message but has no BadRequest: the same
-- error with one (the body in our shape), else ``text`` unchanged.
local function with_violation(text)
  local ok, parsed = pcall(parse_json, text)
  if not ok or parsed.k ~= "object" or text:find("google.rpc.BadRequest", 1, true) then
    return text
  end
  for i, key in ipairs(parsed.keys) do
    if key == "message" and parsed.vals[i].k == "string" then
      local message = parsed.vals[i].v
      local field, why = transcoder_violation(message)
      if field then return error_body(3, "INVALID_REQUEST", message, { { field, why } }) end
    end
  end
  return text
end

function envoy_on_response(handle)
  local headers = handle:headers()
  headers:replace("x-content-type-options", "nosniff")
  local status = tonumber(headers:get(":status") or "200") or 200
  local content_type = (headers:get("content-type") or ""):lower()
  if status < 400 or not content_type:find("^application/json") then return end
  local body = handle:body()
  if body == nil then return end
  local text = body:getBytes(0, body:length())
  local named = status == 400 and with_violation(text) or text
  local fixed = with_detail(named):gsub("<", "\\u003c"):gsub(">", "\\u003e")
  -- setBytes also sets Content-Length; ``headers`` may not be touched once the body was read
  -- (Envoy logs "object used outside of proper scope" at error level for every such reply).
  if fixed ~= text then body:setBytes(fixed) end
end
