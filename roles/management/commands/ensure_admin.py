import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if it does not exist. The password comes from "
        "KSS_ADMIN_PASSWORD, or is generated and printed once. An existing account is "
        "left alone."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(username="admin").exists():
            self.stdout.write("The admin account exists already; its password is unchanged.")
            return
        password = os.environ.get("KSS_ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", email="", password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the admin account 'admin' with the password: {password}\n"
                    "It is shown only this once. Change it under Account in the admin."
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    "Created the admin account 'admin' (password from KSS_ADMIN_PASSWORD)."
                )
            )
