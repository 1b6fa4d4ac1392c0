# LibreOffice's own signing and verifying code (xmlsecurity, through UNO), driven headless for the tests in
# harness/ades/libreoffice.test.ts. The soffice it talks to is started by harness/testing/ades/libreoffice.ts
# with MOZILLA_CERTIFICATE_FOLDER naming an NSS database that holds the signer's certificate and key.
#   libreoffice-uno.py PIPE sign FILE    -> signs FILE (an ODF package) in place with the database's certificate
#   libreoffice-uno.py PIPE verify FILE  -> prints LibreOffice's verdict on FILE's document signatures as JSON
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

READWRITE, READ = 7, 1
pipe, action, path = sys.argv[1], sys.argv[2], sys.argv[3]

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
for _ in range(300):  # soffice takes a few seconds to listen
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        break
    except Exception:
        time.sleep(0.1)
if ctx is None:
    sys.exit("soffice did not answer on its pipe")
smgr = ctx.ServiceManager


def zip_storage(mode):
    # The storage format LibreOffice itself signs through (SfxMedium::GetZipStorageToSign_Impl): META-INF visible.
    fmt = PropertyValue()
    fmt.Name, fmt.Value = "StorageFormat", "ZipFormat"
    factory = smgr.createInstanceWithContext("com.sun.star.embed.StorageFactory", ctx)
    args = (uno.systemPathToFileUrl(path), mode, uno.Any("[]com.sun.star.beans.PropertyValue", (fmt,)))
    return uno.invoke(factory, "createInstanceWithArguments", (args,))


signatures = smgr.createInstanceWithArgumentsAndContext(
    "com.sun.star.security.DocumentDigitalSignatures", ("1.2",), ctx
)
if action == "sign":
    env = smgr.createInstanceWithContext("com.sun.star.xml.crypto.SEInitializer", ctx)
    certs = env.createSecurityContext("").getSecurityEnvironment().getPersonalCertificates()
    if len(certs) != 1:
        sys.exit(f"expected one personal certificate in the NSS database, found {len(certs)}")
    storage = zip_storage(READWRITE)
    if not signatures.signDocumentWithCertificate(certs[0], storage, None):
        sys.exit("LibreOffice did not sign")
    storage.commit()
    storage.dispose()
    print(json.dumps({"signer": certs[0].SubjectName}))
elif action == "verify":
    storage = zip_storage(READ)
    infos = signatures.verifyDocumentContentSignatures(storage, None)
    print(json.dumps([{"valid": bool(i.SignatureIsValid), "signer": i.Signer.SubjectName} for i in infos]))
    storage.dispose()
else:
    sys.exit(f"unknown action {action}")
