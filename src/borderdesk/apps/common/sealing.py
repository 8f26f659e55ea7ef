"""The keys that seal records at rest (AES-256-GCM, ``core/casework/uploads``): from a setting naming
``id:base64key,...`` (the first seals, all open), or when it is unset a key made once and kept in the data
directory (mode 0600). That local key also opens, once keys are configured, what it sealed before."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from borderdesk.core.casework.uploads import FileKeys, KeyConfigError, new_key, parse_keys

LOCAL_KEY_ID = "local"


def keyring(setting: str, local_file: str) -> FileKeys:
    """The keys ``setting`` configures, with the local key in ``DATA_DIR/local_file`` when there is one; or that
    local key alone, made the first time it is needed."""
    configured = (getattr(settings, setting, "") or "").strip()
    if not configured:
        return FileKeys(((LOCAL_KEY_ID, local_key(local_file, create=True)),))
    try:
        keys = parse_keys(configured, setting=setting)
    except KeyConfigError as exc:
        raise ImproperlyConfigured(str(exc)) from None
    local = local_key(local_file, create=False)
    return keys if local is None else keys.with_key(LOCAL_KEY_ID, local)


def local_key(filename: str, *, create: bool) -> bytes | None:
    """The key kept in the data directory, made (mode 0600) the first time it is needed to seal."""
    path = Path(settings.DATA_DIR) / filename
    if not path.exists():
        if not create:
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole under a name of its own, then linked into place: a request that comes at the same moment
        # finds either no key or the whole key, and the second one made is thrown away.
        partial = path.with_name(f".{filename}.{secrets.token_hex(8)}")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(base64.b64encode(new_key()).decode())
                handle.flush()
                os.fsync(handle.fileno())
            os.link(partial, path)
        except FileExistsError:
            pass
        finally:
            partial.unlink(missing_ok=True)
    key = base64.b64decode(path.read_text().strip())
    if len(key) != 32:
        raise ImproperlyConfigured(f"{path} does not hold a 32-byte key.")
    return key
