#!/usr/bin/env bash
# Debian packages the harness drives or cross-checks with. apt runs only when one is missing.
set -euo pipefail
PACKAGES=(
  softhsm2 opensc libengine-pkcs11-openssl       # virtual smart card, pkcs11-tool, openssl pkcs11 engine
  pcscd pcsc-tools libpcsclite-dev               # PC/SC daemon and tools (real and virtual readers)
  vsmartcard-vpcd vsmartcard-vpicc python3-pycryptodome  # virtual reader + virtual card for CI
  chromium                                       # browser for Playwright suites and report rendering
  poppler-utils qpdf xmlsec1 openssl             # independent cross-checkers (pdfsig, qpdf, xmlsec1, openssl)
  gnutls-bin                                     # certtool: another real CMS signer the validator reads
  libpodofo-utils                                # podofosign: a real PDF signer whose output the validator reads
  libxml2-utils                                  # xmllint: ETSI TS 119 102-2 reports checked against the XSD
  fonts-dejavu-core                              # full Turkish glyphs (ğ, ş, ı, İ) for reports
  gcc make libp11-kit-dev                        # the PKCS#11 interposer (gcc + the PKCS#11 header)
  iproute2 util-linux                            # ip + unshare: tests run in a private network namespace
  zip                                            # ODF test packages (xml signatures over package entries)
  libdigidoc-tools                               # cdigidoc: DDOC 1.3 (XAdES 1.1.1) containers the validator reads
  libreoffice-writer-nogui python3-uno libnss3-tools  # LibreOffice signing ODF headless through an NSS database
                                                 # (53 packages, ~1m53s to install here, 197 MB: measured 2026-12-03)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
