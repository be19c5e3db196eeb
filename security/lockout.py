"""Login lockout per account and address, and per address (django-axes).

Five failed logins for one username from one address lock that pair out
(AXES_FAILURE_LIMIT); other addresses are not affected, so a guesser cannot
lock staff out from their own office. On its own that lets one address try
four passwords against every account, again every cool-off period: so an
address that fails ADDRESS_FAILURE_LIMIT times, on any accounts, is locked
out too. axes counts both (AXES_LOCKOUT_PARAMETERS) against one limit; this
handler weighs the address's count so that ADDRESS_FAILURE_LIMIT failures
reach it, and keeps a successful login from wiping the address's count (it
forgets only that account's failures from that address)."""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AccountAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None):
        per_account, per_address = (
            _failures(attempts) for attempts in self.get_user_attempts(request, credentials)
        )
        weighed = per_address * settings.AXES_FAILURE_LIMIT // settings.ADDRESS_FAILURE_LIMIT
        return max(per_account, weighed)

    def reset_user_attempts(self, request, credentials=None):
        per_account, _per_address = self.filter_user_attempts(request, credentials)
        count, _ = per_account.delete()
        return count
