"""UserErrorCode: every code a payload's UserError can carry, each with what it means.

UserFacingError takes the code as a string; UserError.kind gives it as this enum, and
tests/test_error_codes.py fails when the backend raises a code missing here.
"""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What went wrong in a payload's UserError (its `kind`).")
class UserErrorCode(Enum):
    ACCOUNT_DISABLED = strawberry.enum_value(
        "ACCOUNT_DISABLED",
        description=(
            "An administrator disabled this account; log-in and password tokens are refused."
        ),
    )
    ALREADY_ACCEPTED = strawberry.enum_value(
        "ALREADY_ACCEPTED",
        description="The viewer already accepted this policy version.",
    )
    ALREADY_CANCELLED = strawberry.enum_value(
        "ALREADY_CANCELLED",
        description="The subscription is already set to end with the current period.",
    )
    ALREADY_CLOSED = strawberry.enum_value(
        "ALREADY_CLOSED",
        description="The data subject request is already closed.",
    )
    ALREADY_ENABLED = strawberry.enum_value(
        "ALREADY_ENABLED",
        description="Two-factor log-in is already on for this account.",
    )
    ALREADY_LIFTED = strawberry.enum_value(
        "ALREADY_LIFTED",
        description="The restriction of processing was already lifted.",
    )
    ALREADY_NOTIFIED = strawberry.enum_value(
        "ALREADY_NOTIFIED",
        description="The people affected by this breach were already notified.",
    )
    ALREADY_REJECTED = strawberry.enum_value(
        "ALREADY_REJECTED",
        description="The viewer already rejected this policy version.",
    )
    ALREADY_RELEASED = strawberry.enum_value(
        "ALREADY_RELEASED",
        description="The legal hold was already released.",
    )
    ALREADY_RESOLVED = strawberry.enum_value(
        "ALREADY_RESOLVED",
        description="The abuse report was already resolved.",
    )
    ALREADY_SUBSCRIBED = strawberry.enum_value(
        "ALREADY_SUBSCRIBED",
        description="The customer already has a subscription (or one ending with this period).",
    )
    CANNOT_DISABLE_SELF = strawberry.enum_value(
        "CANNOT_DISABLE_SELF",
        description="An administrator cannot disable their own account.",
    )
    CONTENT_BLOCKED = strawberry.enum_value(
        "CONTENT_BLOCKED",
        description=(
            "These exact bytes were quarantined after an upheld abuse report; they cannot"
            " be uploaded or imported again."
        ),
    )
    CORRECTIONS_REQUIRED = strawberry.enum_value(
        "CORRECTIONS_REQUIRED",
        description="A rectification request names no field to correct.",
    )
    DUPLICATE_PURPOSE = strawberry.enum_value(
        "DUPLICATE_PURPOSE",
        description="A consent purpose is given twice in one decision.",
    )
    EMAIL_REQUIRED = strawberry.enum_value(
        "EMAIL_REQUIRED",
        description="An email address is needed (anonymous reports and requests).",
    )
    EMAIL_TAKEN = strawberry.enum_value(
        "EMAIL_TAKEN",
        description="Another account uses this email address.",
    )
    EMPTY_FILE = strawberry.enum_value(
        "EMPTY_FILE",
        description="The uploaded or imported file is empty.",
    )
    EXTENSION_TOO_LONG = strawberry.enum_value(
        "EXTENSION_TOO_LONG",
        description="A data subject request cannot be extended that far beyond its first due date.",
    )
    FILE_TOO_LARGE = strawberry.enum_value(
        "FILE_TOO_LARGE",
        description="The file is larger than PIXVAULT_MAX_UPLOAD_BYTES.",
    )
    FORBIDDEN_ADDRESS = strawberry.enum_value(
        "FORBIDDEN_ADDRESS",
        description="An import URL points at a private, loopback or otherwise refused address.",
    )
    FORBIDDEN_PORT = strawberry.enum_value(
        "FORBIDDEN_PORT",
        description=(
            "The URL to import from uses a port imports may not reach (PIXVAULT_IMPORT_PORTS)."
        ),
    )
    FORBIDDEN_SCOPE = strawberry.enum_value(
        "FORBIDDEN_SCOPE",
        description="Only staff may give a token the STAFF scope.",
    )
    FREE_PLAN = strawberry.enum_value(
        "FREE_PLAN",
        description="The free plan needs no checkout.",
    )
    FUTURE_DATE = strawberry.enum_value(
        "FUTURE_DATE",
        description="A disclosure cannot be recorded before it happened.",
    )
    GROUND_REQUIRED = strawberry.enum_value(
        "GROUND_REQUIRED",
        description="An objection on other grounds needs the ground in its details.",
    )
    IMPORT_FAILED = strawberry.enum_value(
        "IMPORT_FAILED",
        description="Fetching an import URL failed (an HTTP error, a bad redirect, a lost link).",
    )
    IMPORT_TIMEOUT = strawberry.enum_value(
        "IMPORT_TIMEOUT",
        description="Fetching an import URL took longer than PIXVAULT_IMPORT_TIMEOUT_SECONDS.",
    )
    INVALID_CHALLENGE = strawberry.enum_value(
        "INVALID_CHALLENGE",
        description=(
            "The second log-in step expired or was already used: log in with the password again."
        ),
    )
    INVALID_CODE = strawberry.enum_value(
        "INVALID_CODE",
        description="The two-factor or recovery code is wrong or was already used.",
    )
    INVALID_CREDENTIALS = strawberry.enum_value(
        "INVALID_CREDENTIALS",
        description="The email address or password is wrong.",
    )
    INVALID_DATE = strawberry.enum_value(
        "INVALID_DATE",
        description="A date is malformed or lacks a time zone.",
    )
    INVALID_DAYS = strawberry.enum_value(
        "INVALID_DAYS",
        description="An extension must be at least one day.",
    )
    INVALID_EMAIL = strawberry.enum_value(
        "INVALID_EMAIL",
        description="The email address is not valid.",
    )
    INVALID_EXPIRY = strawberry.enum_value(
        "INVALID_EXPIRY",
        description="The token expiry is out of range.",
    )
    INVALID_FILE = strawberry.enum_value(
        "INVALID_FILE",
        description="The file is not a multipart upload.",
    )
    INVALID_FILENAME = strawberry.enum_value(
        "INVALID_FILENAME",
        description="The filename is empty or not acceptable.",
    )
    INVALID_FOLDER = strawberry.enum_value(
        "INVALID_FOLDER",
        description="The folder path is too long or malformed.",
    )
    INVALID_PASSWORD = strawberry.enum_value(
        "INVALID_PASSWORD",
        description="The current password given to confirm an action is wrong or missing.",
    )
    INVALID_PATH = strawberry.enum_value(
        "INVALID_PATH",
        description="A page path must start with / and stay within its length limit.",
    )
    INVALID_SELECTION = strawberry.enum_value(
        "INVALID_SELECTION",
        description="The selection of people affected by a breach is not valid.",
    )
    INVALID_SOURCE = strawberry.enum_value(
        "INVALID_SOURCE",
        description="A consent source must be BANNER, SETTINGS or API.",
    )
    INVALID_TAG = strawberry.enum_value(
        "INVALID_TAG",
        description="A tag is too long, or an asset would have too many tags.",
    )
    INVALID_TOKEN = strawberry.enum_value(
        "INVALID_TOKEN",
        description="A link's token (verification, email change, unsubscribe) is invalid or old.",
    )
    INVALID_URL = strawberry.enum_value(
        "INVALID_URL",
        description="An import URL is not http(s) or carries a user name or password.",
    )
    INVALID_VALUE = strawberry.enum_value(
        "INVALID_VALUE",
        description="A correction's value is not text.",
    )
    INVALID_VERSION = strawberry.enum_value(
        "INVALID_VERSION",
        description="A policy version label is not up to 32 letters, digits, dots and dashes.",
    )
    LAST_ADMIN = strawberry.enum_value(
        "LAST_ADMIN",
        description="Administrators cannot remove their own ADMIN role.",
    )
    NECESSARY_REQUIRED = strawberry.enum_value(
        "NECESSARY_REQUIRED",
        description="Strictly necessary cookies cannot be refused.",
    )
    NOT_CANCELLED = strawberry.enum_value(
        "NOT_CANCELLED",
        description="The subscription is not set to end, so there is nothing to resume.",
    )
    NOT_ENABLED = strawberry.enum_value(
        "NOT_ENABLED",
        description="Two-factor log-in is off for this account.",
    )
    NOT_FOUND = strawberry.enum_value(
        "NOT_FOUND",
        description="The object the id names does not exist or is not the viewer's to act on.",
    )
    NOT_MINOR = strawberry.enum_value(
        "NOT_MINOR",
        description="A version that materially reduces protection cannot be a minor change.",
    )
    NOT_REJECTABLE = strawberry.enum_value(
        "NOT_REJECTABLE",
        description="Only a policy version that materially reduces protection can be rejected.",
    )
    NOT_RUNNABLE = strawberry.enum_value(
        "NOT_RUNNABLE",
        description="The data subject request is not in a state that can be run.",
    )
    NOT_VERIFIED = strawberry.enum_value(
        "NOT_VERIFIED",
        description="The requester's identity is not verified yet.",
    )
    NO_PENDING_SETUP = strawberry.enum_value(
        "NO_PENDING_SETUP",
        description=(
            "There is no two-factor set-up waiting for its first code: begin the set-up first."
        ),
    )
    NO_SUBSCRIPTION = strawberry.enum_value(
        "NO_SUBSCRIPTION",
        description="The customer has no paid subscription.",
    )
    PAYMENTS_DISABLED = strawberry.enum_value(
        "PAYMENTS_DISABLED",
        description="Payments are not enabled on this installation.",
    )
    PAYMENT_PROVIDER_ERROR = strawberry.enum_value(
        "PAYMENT_PROVIDER_ERROR",
        description="The payment provider failed or gave an unusable answer; try again later.",
    )
    PENDING_VERSION = strawberry.enum_value(
        "PENDING_VERSION",
        description="Another version of this policy is waiting to take effect.",
    )
    POLICIES_NOT_ACCEPTED = strawberry.enum_value(
        "POLICIES_NOT_ACCEPTED",
        description="Signing up needs the terms and the privacy policy accepted.",
    )
    POLICY_DECISION_REQUIRED = strawberry.enum_value(
        "POLICY_DECISION_REQUIRED",
        description="An updated policy must be accepted or rejected before this change.",
    )
    POLICY_REJECTED = strawberry.enum_value(
        "POLICY_REJECTED",
        description="The viewer rejected an updated policy; the account is closing and read-only.",
    )
    PURPOSE_NOT_APPLICABLE = strawberry.enum_value(
        "PURPOSE_NOT_APPLICABLE",
        description="Only an objection names a purpose.",
    )
    PURPOSE_REQUIRED = strawberry.enum_value(
        "PURPOSE_REQUIRED",
        description="An objection needs the purpose it objects to.",
    )
    QUOTA_EXCEEDED = strawberry.enum_value(
        "QUOTA_EXCEEDED",
        description="The plan's storage quota would be exceeded.",
    )
    RATE_LIMITED = strawberry.enum_value(
        "RATE_LIMITED",
        description="Too many attempts; retryAfter (and Retry-After) gives the seconds to wait.",
    )
    REASON_REQUIRED = strawberry.enum_value(
        "REASON_REQUIRED",
        description="A reason for the requester is needed.",
    )
    REQUIRED = strawberry.enum_value(
        "REQUIRED",
        description="A required field is empty.",
    )
    RESTRICTED = strawberry.enum_value(
        "RESTRICTED",
        description="The person restricted the processing of their data; it cannot be changed now.",
    )
    SELECTION_REQUIRED = strawberry.enum_value(
        "SELECTION_REQUIRED",
        description="A breach needs a selection of the people affected.",
    )
    STORAGE_UNAVAILABLE = strawberry.enum_value(
        "STORAGE_UNAVAILABLE",
        description="Storage is briefly unavailable; nothing was recorded, try again shortly.",
    )
    TOO_LONG = strawberry.enum_value(
        "TOO_LONG",
        description="A text field is longer than its limit.",
    )
    TOO_MANY = strawberry.enum_value(
        "TOO_MANY",
        description="A count limit is reached (live API tokens, kinds of data in a disclosure).",
    )
    TOO_MANY_PIXELS = strawberry.enum_value(
        "TOO_MANY_PIXELS",
        description="The image has more pixels than PIXVAULT_MAX_UPLOAD_PIXELS.",
    )
    TWO_FACTOR_REQUIRED = strawberry.enum_value(
        "TWO_FACTOR_REQUIRED",
        description=(
            "The account has two-factor log-in: give the challenge and a code "
            "(completeLogIn), or a code with the password."
        ),
    )
    UNAUTHENTICATED = strawberry.enum_value(
        "UNAUTHENTICATED",
        description="The mutation needs a signed-in viewer.",
    )
    UNDER_MINIMUM_AGE = strawberry.enum_value(
        "UNDER_MINIMUM_AGE",
        description="Sign-up needs confirmation of the minimum age the operator sets.",
    )
    UNKNOWN_FIELD = strawberry.enum_value(
        "UNKNOWN_FIELD",
        description="A correction names a field that cannot be corrected here.",
    )
    UNREADABLE_IMAGE = strawberry.enum_value(
        "UNREADABLE_IMAGE",
        description="The file looks like an image but cannot be decoded.",
    )
    UNSUPPORTED_TYPE = strawberry.enum_value(
        "UNSUPPORTED_TYPE",
        description="The file is not one of the accepted image types.",
    )
    VERSION_TAKEN = strawberry.enum_value(
        "VERSION_TAKEN",
        description="This policy version is already published.",
    )
    WEAK_PASSWORD = strawberry.enum_value(
        "WEAK_PASSWORD",
        description="The new password is too short, too common or otherwise too weak.",
    )
