-- `mofkit lsp` for Neovim's built-in client (0.7 and later).
--   1. Put Editors/nvim on 'runtimepath' (or copy ftdetect/ and lua/ into ~/.config/nvim/).
--   2. In init.lua:  require("mofkit").setup({ strict = false, includePaths = {}, schemaFiles = {} })
-- Options are sent as initializationOptions; change them later with :MofkitStrict on|off.
local M = {}

M.settings = { strict = false, includePaths = {}, schemaFiles = {} }
M.cmd = { "mofkit", "lsp" }

local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  return vim.fn.fnamemodify(name, ":p:h")
end

function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local config = {
    name = "mofkit",
    cmd = M.cmd,
    root_dir = root_dir(bufnr),
    init_options = M.settings,
    settings = { mofkit = M.settings },
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })           -- Neovim 0.8+: reuses a running client
  else
    M.client_id = M.client_id or vim.lsp.start_client(config)  -- Neovim 0.7
    vim.lsp.buf_attach_client(bufnr, M.client_id)
  end
end

function M.setup(options)
  M.settings = vim.tbl_deep_extend("force", M.settings, options or {})
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "mof",
    callback = function(args) M.start(args.buf) end,
  })
  vim.api.nvim_create_user_command("MofkitStrict", function(opts)
    M.settings.strict = opts.args == "on"
    for _, client in pairs(vim.lsp.get_active_clients()) do
      if client.name == "mofkit" then
        client.notify("workspace/didChangeConfiguration", { settings = { mofkit = M.settings } })
      end
    end
  end, { nargs = 1, complete = function() return { "on", "off" } end })
end

return M
