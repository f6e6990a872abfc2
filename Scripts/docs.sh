#!/usr/bin/env bash
# Builds the DocC documentation of every library target (swift-docc-plugin) into .build-docs/archives/.
#
#   Scripts/docs.sh            # every library, one .doccarchive each
#   Scripts/docs.sh MOFSyntax  # one target
#
# Prints DocC's warnings (broken symbol links, unknown topics) and exits non-zero when there are any,
# so the catalogs in Sources/*/*.docc stay in step with the code. Preview one archive with
# `docc preview Sources/MOFSyntax/MOFSyntax.docc` (or serve the archive as static files).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(MofkitSource DiagnosticRendering MOFSyntax MOFModel RegistryExport InventoryRules UpdateCatalog MachineState
           InventoryCollection Applicability Reports CollectionQueries LSPCore MOFLanguageServer)
fi
args=()
for target in "${targets[@]}"; do args+=(--target "$target"); done
log="$(mktemp)"
swift package --scratch-path .build-docs generate-documentation "${args[@]}" 2>&1 | tee "$log" \
  | grep -E "^(warning|error)|Generated documentation archive" || true
mkdir -p .build-docs/archives
for target in "${targets[@]}"; do
  archive=".build-docs/plugins/Swift-DocC/outputs/$target.doccarchive"
  [ -d "$archive" ] && rm -rf ".build-docs/archives/$target.doccarchive" && cp -R "$archive" .build-docs/archives/
done
warnings=$(grep -cE "^warning:" "$log" || true)
rm -f "$log"
echo "archives: .build-docs/archives/ ($warnings DocC warnings)"
[ "$warnings" -eq 0 ]
