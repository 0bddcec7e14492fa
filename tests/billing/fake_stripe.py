"""A local stand-in for the Stripe API, so tests drive the real stripe SDK over real HTTP.

It serves only the endpoints Pixvault calls, records every request, and honours idempotency
keys as Stripe does: a repeated key gets the first answer back. Events are signed with
Stripe's scheme, written out here rather than borrowed from the SDK under test.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

API_KEY = "sk_test_pixvault_fake"
WEBHOOK_SECRET = "whsec_pixvault_fake_secret"
API_VERSION = "2026-10-28.endive"


@dataclass
class Recorded:
    method: str
    path: str
    #: Form body or query string, with Stripe's bracketed keys as sent.
    params: dict[str, str]
    headers: dict[str, str]


@dataclass
class FakeStripe:
    url: str = ""
    requests: list[Recorded] = field(default_factory=list)
    #: payment intent id to invoice id, as Stripe's invoice payments would tell.
    invoice_of_intent: dict[str, str] = field(default_factory=dict)
    #: Subscriptions by id, as Stripe holds them (tests add them with ``add_subscription``).
    subscriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Customer ids Stripe holds (made by POST /v1/customers) and those deleted since.
    customers: set[str] = field(default_factory=set)
    deleted_customers: set[str] = field(default_factory=set)
    #: Credit notes made (POST /v1/credit_notes), as their parameters.
    credit_notes: list[dict[str, str]] = field(default_factory=list)
    #: While set, every connection is cut before an answer: Stripe unreachable.
    unreachable: bool = False
    _replies: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    _failures: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    _path_failures: list[tuple[str, str, int, str]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _server: asyncio.Server | None = None
    _connections: dict[asyncio.Task[None], asyncio.StreamWriter] = field(default_factory=dict)

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        """Close the SDK's kept-alive connections too, so no handler is left waiting."""
        if self._server is not None:
            self._server.close()
            for writer in self._connections.values():
                writer.close()
            await asyncio.gather(*self._connections, return_exceptions=True)
            await self._server.wait_closed()

    def fail_next(self, status: int, error_type: str, message: str) -> None:
        """Answer the next API request with a Stripe error (marked not worth retrying)."""
        self._failures.append((status, {"error": {"type": error_type, "message": message}}))

    def fail_on(self, method: str, prefix: str, status: int, error_type: str) -> None:
        """Answer the next ``method`` request to a path starting with ``prefix`` with an error."""
        self._path_failures.append((method, prefix, status, error_type))

    def add_subscription(self, obj: dict[str, Any]) -> dict[str, Any]:
        """Make Stripe hold this subscription (e.g. one a test's webhook event describes)."""
        self.subscriptions[obj["id"]] = obj
        return obj

    def calls(self, method: str, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.method == method and r.path == path]

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}_fake{next(self._ids):06d}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections[task] = writer
        try:
            while True:
                request_line = await reader.readline()
                if not request_line.strip():
                    break
                method, target, _ = request_line.decode("latin-1").split(" ", 2)
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, value = line.decode("latin-1").split(":", 1)
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                if self.unreachable:
                    self.requests.append(Recorded(method, target, {}, headers))
                    break
                status, reply = self._answer(method, target, headers, body)
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(reply)}\r\nStripe-Should-Retry: false\r\n"
                    "Connection: keep-alive\r\n\r\n".encode()
                    + reply
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
            self._connections.pop(task, None)

    def _answer(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, bytes]:
        parts = urlsplit(target)
        raw = body.decode() if method == "POST" else parts.query
        params = dict(parse_qsl(raw, keep_blank_values=True))
        self.requests.append(Recorded(method, parts.path, params, headers))
        if headers.get("authorization") != f"Bearer {API_KEY}":
            return 401, _json({"error": {"type": "invalid_request_error", "message": "key"}})
        key = headers.get("idempotency-key")
        if method == "POST" and key and key in self._replies:
            return self._replies[key]
        if self._failures:
            status, error = self._failures.pop(0)
            return status, _json(error)
        for failure in self._path_failures:
            if method == failure[0] and parts.path.startswith(failure[1]):
                self._path_failures.remove(failure)
                error = {"type": failure[3], "message": f"{failure[3]} (as told by the test)"}
                return failure[2], _json({"error": error})
        reply = self._route(method, parts.path, params)
        if method == "POST" and key:
            self._replies[key] = reply
        return reply

    def _route(self, method: str, path: str, params: dict[str, str]) -> tuple[int, bytes]:
        if (method, path) == ("POST", "/v1/customers"):
            customer_id = self._new_id("cus")
            self.customers.add(customer_id)
            return 200, _json(
                {
                    "id": customer_id,
                    "object": "customer",
                    "email": params.get("email"),
                    "metadata": {"user_id": params.get("metadata[user_id]")},
                }
            )
        if (method, path) == ("POST", "/v1/checkout/sessions"):
            session_id = self._new_id("cs_test")
            return 200, _json(
                {
                    "id": session_id,
                    "object": "checkout.session",
                    "mode": params.get("mode"),
                    "status": "open",
                    "customer": params.get("customer"),
                    "client_reference_id": params.get("client_reference_id"),
                    "url": f"https://checkout.stripe.test/c/pay/{session_id}",
                }
            )
        if (method, path) == ("GET", "/v1/invoice_payments"):
            intent = params.get("payment[payment_intent]", "")
            invoice = self.invoice_of_intent.get(intent)
            data = [
                {
                    "id": self._new_id("inpay"),
                    "object": "invoice_payment",
                    "invoice": invoice,
                    "payment": {"type": "payment_intent", "payment_intent": intent},
                    "status": "paid",
                }
            ]
            return 200, _json(
                {
                    "object": "list",
                    "url": "/v1/invoice_payments",
                    "has_more": False,
                    "data": data if invoice else [],
                }
            )
        if path.startswith("/v1/subscriptions/") and method in ("GET", "POST", "DELETE"):
            return self._subscription(method, path.removeprefix("/v1/subscriptions/"), params)
        if path.startswith("/v1/customers/") and method == "DELETE":
            return self._delete_customer(path.removeprefix("/v1/customers/"))
        if (method, path) == ("POST", "/v1/credit_notes"):
            self.credit_notes.append(params)
            note = {"id": self._new_id("cn"), "object": "credit_note", "status": "issued"}
            return 200, _json(note | {"amount": int(params.get("amount", "0"))})
        return 404, _json(
            {"error": {"type": "invalid_request_error", "message": f"no route {method} {path}"}}
        )

    def _subscription(self, method: str, sub_id: str, params: dict[str, str]) -> tuple[int, bytes]:
        """Retrieve, or update cancel_at_period_end, as Stripe does (cancel_at follows it)."""
        sub = self.subscriptions.get(sub_id)
        if sub is None:
            message = f"No such subscription: '{sub_id}'"
            return 404, _json({"error": {"type": "invalid_request_error", "message": message}})
        if method == "DELETE":
            if sub["status"] == "canceled":
                message = f"No such subscription: '{sub_id}'"
                return 404, _json({"error": {"type": "invalid_request_error", "message": message}})
            sub["status"] = "canceled"
            sub["canceled_at"] = int(time.time())
        if method == "POST" and "cancel_at_period_end" in params:
            if sub["status"] == "canceled":
                message = "A canceled subscription can only update its metadata."
                return 400, _json({"error": {"type": "invalid_request_error", "message": message}})
            cancel = params["cancel_at_period_end"] == "true"
            sub["cancel_at_period_end"] = cancel
            sub["cancel_at"] = sub["items"]["data"][0]["current_period_end"] if cancel else None
        return 200, _json(sub)

    def _delete_customer(self, customer_id: str) -> tuple[int, bytes]:
        """Deleting a customer also cancels its subscriptions at once, as Stripe does."""
        if customer_id not in self.customers:
            message = f"No such customer: '{customer_id}'"
            return 404, _json({"error": {"type": "invalid_request_error", "message": message}})
        self.customers.discard(customer_id)
        self.deleted_customers.add(customer_id)
        for sub in self.subscriptions.values():
            if sub["customer"] == customer_id:
                sub["status"] = "canceled"
        return 200, _json({"id": customer_id, "object": "customer", "deleted": True})


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


# --- Events, as Stripe would send them --------------------------------------------------------


def event(event_type: str, obj: dict[str, Any], created: int | None = None) -> dict[str, Any]:
    return {
        "id": f"evt_{uuid.uuid4().hex[:24]}",
        "object": "event",
        "api_version": API_VERSION,
        "created": created if created is not None else int(time.time()),
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": event_type,
    }


def checkout_completed(
    customer: str, subscription: str, user_id: str, plan_id: str, **extra: Any
) -> dict[str, Any]:
    return {
        "id": f"cs_test_{uuid.uuid4().hex[:12]}",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "payment_status": "paid",
        "customer": customer,
        "subscription": subscription,
        "client_reference_id": user_id,
        "metadata": {"user_id": user_id, "plan_id": plan_id},
        **extra,
    }


def subscription(
    sub_id: str,
    customer: str,
    status: str,
    plan_id: str,
    *,
    period_end: int | None = None,
    cancel_at_period_end: bool = False,
) -> dict[str, Any]:
    """A subscription as recent API versions shape it: the period is on its items."""
    items = []
    if period_end is not None:
        items = [
            {
                "id": f"si_{uuid.uuid4().hex[:12]}",
                "object": "subscription_item",
                "current_period_start": period_end - 30 * 86400,
                "current_period_end": period_end,
            }
        ]
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "cancel_at_period_end": cancel_at_period_end,
        "cancel_at": period_end if cancel_at_period_end else None,
        "metadata": {"plan_id": plan_id},
        "items": {"object": "list", "data": items},
    }


def invoice(
    invoice_id: str,
    customer: str,
    amount: int,
    *,
    paid: bool,
    name: str | None = "Ada Lovelace",
    paid_at: int | None = None,
) -> dict[str, Any]:
    created = int(time.time()) - 60
    return {
        "id": invoice_id,
        "object": "invoice",
        "customer": customer,
        "customer_name": name,
        "currency": "usd",
        "amount_due": amount,
        "amount_paid": amount if paid else 0,
        "created": created,
        "status": "paid" if paid else "open",
        "status_transitions": {"paid_at": (paid_at or created + 30) if paid else None},
        "lines": {"object": "list", "data": [{"description": "1 x Pixvault Pro"}]},
    }


def charge(
    intent: str, customer: str, amount: int, refunded_amount: int, name: str = "Ada Lovelace"
) -> dict[str, Any]:
    return {
        "id": f"ch_{uuid.uuid4().hex[:12]}",
        "object": "charge",
        "customer": customer,
        "payment_intent": intent,
        "amount": amount,
        "amount_refunded": refunded_amount,
        "refunded": refunded_amount >= amount,
        "currency": "usd",
        "created": int(time.time()) - 3600,
        "billing_details": {"name": name},
    }


def signature(payload: bytes, secret: str = WEBHOOK_SECRET, at: int | None = None) -> str:
    """Stripe-Signature: t=<unix time>,v1=<HMAC-SHA256 of "<t>.<payload>" with the secret>."""
    timestamp = int(time.time()) if at is None else at
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def encode(value: dict[str, Any]) -> bytes:
    return json.dumps(value).encode()
