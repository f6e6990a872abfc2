"""pytest-lsp fixtures: `mofkit lsp` (the binary in $MOFKIT, default .build/debug/mofkit) driven by
pygls's client, with the capabilities of real editors."""
import os
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
MOFKIT = os.environ.get("MOFKIT", str(ROOT / ".build" / "debug" / "mofkit"))
CONFIG = ClientServerConfig(server_command=[MOFKIT, "lsp"])


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient):
    """A session with VS Code's capabilities (UTF-16 positions)."""
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=ROOT.as_uri()))
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def utf8_client(lsp_client: LanguageClient):
    """A session whose client offers UTF-8 positions first."""
    capabilities = client_capabilities("visual-studio-code")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16])
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri()))
    lsp_client.server_capabilities = result.capabilities
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG)
async def strict_client(lsp_client: LanguageClient):
    """A session started with initializationOptions {"strict": true}."""
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=ROOT.as_uri(),
        initialization_options={"strict": True}))
    yield
    await lsp_client.shutdown_session()
