"""Django's e-mail settings from one address, EMAIL_URL (docs/deployment.md):

    smtp+tls://user:password@smtp.example.org:587?from=nettsted@krisesenter.com
    smtp+ssl://user:password@smtp.example.org:465?from=...    (TLS from the start)
    smtp://relay.internal:25?from=...                          (no encryption)
    file:///var/spool/kss-mail                                 (one file per mail)

User and password are percent-encoded where they hold ``@``, ``:`` or ``/``.
``from`` is the sender of password resets and approval notices.

dj-email-url does this but has seen no release since 2022.
"""

from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_SCHEMES = {"smtp": (False, False), "smtp+tls": (True, False), "smtp+ssl": (False, True)}


def email_settings(url, require_sender=False):
    """The settings EMAIL_URL gives, as a dict of setting names. With
    ``require_sender``, an address without ``from`` is refused: Django's
    default sender, webmaster@localhost, is no one's."""
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    settings = {}
    if options.get("from"):
        settings["DEFAULT_FROM_EMAIL"] = settings["SERVER_EMAIL"] = options["from"]
    elif require_sender:
        raise ImproperlyConfigured(
            "EMAIL_URL must name the sender of the site's mails: ...?from=nettsted@example.org"
        )
    if parts.scheme == "file":
        if not parts.path:
            raise ImproperlyConfigured("EMAIL_URL file:// needs a folder: file:///var/spool/kss")
        return {
            **settings,
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if parts.scheme not in SMTP_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with smtp://, smtp+tls://, smtp+ssl:// or file://, "
            f"not {parts.scheme}://"
        )
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL names no mail server.")
    use_tls, use_ssl = SMTP_SCHEMES[parts.scheme]
    return {
        **settings,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if use_ssl else 587 if use_tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": use_tls,
        "EMAIL_USE_SSL": use_ssl,
        # A mail server that does not answer must not hold a request for long.
        "EMAIL_TIMEOUT": 10,
    }
