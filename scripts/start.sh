#!/usr/bin/env bash
# The main job (npm start, after setup): assess the reference application end to end and hand over what an
# assessor hands over. 1) an assessor's virtual card and a test PKI whose TSA and CRLs serve the report's
# signature, on a free port; 2) `uyum run --report` on Örnek İmzacı's command-line face (the campaign has its
# own PKI at this instant and a fresh card), ending in the PAdES-signed report with its JSON/JUnit twins;
# 3) `uyum verify-report`, as an institution checks it. Everything goes under .tmp/start/ (git-ignored), made anew.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.tmp/start
rm -rf "$out"
mkdir -p "$out"
uyum() { node bin/uyum.js "$@"; }

echo "== 1/3 the assessor's card, and the PKI that time-stamps the report"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
uyum pki init --out "$out/pki" --base-url "http://127.0.0.1:$port" >/dev/null
uyum pki serve "$out/pki" >"$out/pki-serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.2
done
uyum card init --pki "$out/pki" --out "$out/card" --with-chain >/dev/null

echo "== 2/3 uyum run --report: the reference application (examples/profiles/ornek-imzaci-cli.yaml)"
uyum run --app examples/profiles/ornek-imzaci-cli.yaml --out "$out/campaign" --lang tr \
  --report --card "$out/card" --pki-url "http://127.0.0.1:$port"

echo "== 3/3 uyum verify-report: what an institution checks"
root=$(node -e 'const p=require("./'"$out"'/pki/pki.json");const r=(p.entities||[]).find(e=>e.role==="root");console.log(r?r.cert:"")')
# the installed application: the files the profile's software: globs name, as the report's manifest hashed them
uyum verify-report "$out/campaign/report/"*.pdf --trust "$out/pki/$root" --profile examples/profiles/ornek-imzaci-cli.yaml
