-- Neovim's built-in LSP client against `mofkit lsp`, headless:
--   MOFKIT=/path/to/mofkit MOFKIT_ROOT=/path/to/repo nvim --headless -u NONE -c 'luafile Tests/lsp/nvim_test.lua'
-- Opens a copy of Corpus/mof/tsappmode-seed.mof, waits for diagnostics, hovers, goes to a
-- definition, applies the quick fixes and formats; every step is asserted. Exit status 0 = pass.
local mofkit = vim.env.MOFKIT
local root = vim.env.MOFKIT_ROOT
local failures = 0

local function log(message) io.stdout:write(message .. "\n") end
local function check(condition, message)
  if condition then log("ok   " .. message) else failures = failures + 1; log("FAIL " .. message) end
  return condition
end
local function finish()
  log(failures == 0 and "neovim: all checks passed" or ("neovim: " .. failures .. " check(s) failed"))
  vim.cmd(failures == 0 and "qall!" or "cquit! 1")
end

local directory = vim.fn.tempname()
vim.fn.mkdir(directory, "p")
local path = directory .. "/tsappmode-seed.mof"
vim.fn.writefile(vim.fn.readfile(root .. "/Corpus/mof/tsappmode-seed.mof", "b"), path, "b")

vim.cmd("edit " .. vim.fn.fnameescape(path))
vim.bo.filetype = "mof"
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({ name = "mofkit", cmd = { mofkit, "lsp" }, root_dir = directory })
if not check(client_id ~= nil, "the client started mofkit lsp") then return finish() end
vim.lsp.buf_attach_client(bufnr, client_id)

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(list, code)
  end
  table.sort(list)
  return table.concat(list, ",")
end
local function count(code)
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if (d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) == code then n = n + 1 end
  end
  return n
end

-- 1. Diagnostics: the seed's two PropertyContext strings broken across lines.
vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
check(count("MOF1003") == 2, "diagnostics: two MOF1003 broken strings (" .. codes() .. ")")
local first = vim.diagnostic.get(bufnr)[1]
check(first and first.source == "mofkit", "diagnostics come from source mofkit")

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 20000) or {}
  for _, response in pairs(responses) do
    if response.result then return response.result end
  end
  return nil
end
local function at(line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
end
local function find(pattern)
  for number, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = line:find(pattern, 1, true)
    if column then return number - 1, column - 1 end
  end
  return nil
end

-- 2. Hover on a qualifier.
local line, column = find("SMS_Report(TRUE), SMS_Group_Name")
local hover = request("textDocument/hover", at(line, column + 2))
local text = hover and hover.contents and (hover.contents.value or hover.contents) or ""
check(type(text) == "string" and text:find("Qualifier SMS_Report : boolean", 1, true) ~= nil, "hover on SMS_Report shows its declaration")

-- 3. Definition: `instance of TSAPPMode` → `class TSAPPMode`.
line, column = find("instance of TSAPPMode")
local definition = request("textDocument/definition", at(line, column + 14))
local target = definition and (definition[1] or definition)
local class_line = find("class TSAPPMode")
check(target and target.range and target.range.start.line == class_line, "definition of TSAPPMode is its class")

-- 4. Code actions: apply the "join the lines" quick fix of each MOF1003.
for _ = 1, 2 do
  local diagnostic
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if (d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)) == "MOF1003" then diagnostic = d; break end
  end
  if not diagnostic then break end
  local before = count("MOF1003")
  local actions = request("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = diagnostic.lnum, character = diagnostic.col }, ["end"] = { line = diagnostic.end_lnum, character = diagnostic.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, diagnostic.lnum) },
  }) or {}
  local fix
  for _, action in ipairs(actions) do
    if action.kind == "quickfix" and action.title:find("MOF1003", 1, true) then fix = action; break end
  end
  if check(fix ~= nil, "a quick fix is offered for MOF1003") then
    vim.lsp.util.apply_workspace_edit(fix.edit, "utf-16")
    vim.wait(30000, function() return count("MOF1003") < before end, 50)
    check(count("MOF1003") == before - 1, "applying the quick fix removes one MOF1003 (now " .. count("MOF1003") .. ")")
  end
end
local joined = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
check(joined:find("Control\\\\Terminal Server|TSEnabled", 1, true) ~= nil, "the PropertyContext string is joined")

-- 5. Formatting: the buffer ends up as `mofkit format` writes it.
local edits = request("textDocument/formatting", { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, options = { tabSize = 4, insertSpaces = true } })
if check(edits ~= nil and #edits > 0, "formatting returns edits") then
  vim.lsp.util.apply_text_edits(edits, bufnr, "utf-16")
end
vim.bo.fileformat = "unix"
vim.cmd("silent write")
local status = os.execute(mofkit .. " format --check " .. vim.fn.shellescape(path) .. " >/dev/null 2>&1")
check(status == 0 or status == true, "the formatted buffer passes `mofkit format --check`")

vim.lsp.stop_client(client_id)
finish()
