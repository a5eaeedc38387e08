#!/usr/bin/python3
"""Scripted XMPP client for interop tests (Debian python3-slixmpp 1.8), driven by JSON lines.

  xmpp_scripted.py JID PASSWORD SERVER_IP [--port 5222] [--auto-receipt] [--timeout S]

Connects to SERVER_IP:PORT directly (no DNS), accepts any certificate, and then:
  * prints one JSON object per line on stdout for each event:
      {"event": "ready"}                                   logged in, presence sent
      {"event": "message", "from", "to", "id", "type", "lang", "body", "bodies": {lang: text},
       "subject", "thread", "chat_state", "receipt_request", "received_id",
       "wire_body": text of the first <body> as it was on the wire (entities decoded, line ends NOT
                    normalised, so a CR the server sent survives here even though XML parsing turns
                    CR LF into LF), "error": {"type", "condition", "text"} for type='error', "xml"}
      {"event": "sent", "id"}  after each send command
      {"event": "presence", "from", "to", "type", "show", "status", "priority",
       "error": {"type", "condition", "text"} for type='error', "xml"}   every presence stanza
  * reads one JSON command per line on stdin:
      {"cmd": "send", "to", "id", "type", "lang", "body", "bodies": {lang: text}, "subject", "thread",
       "receipt": true (adds <request xmlns='urn:xmpp:receipts'/>), "chat_state": "composing"|...,
       "received": "<id>" (a XEP-0184 receipt)}
      {"cmd": "ping", "to": "<jid or domain>"}    XEP-0199; answers {"event": "pong", "from", "ok"}
      {"cmd": "presence", "to", "type", "show", "status", "priority"}   a presence stanza (all optional:
       without "to" it is broadcast by the server; "type" subscribe/subscribed/unsubscribe/unsubscribed/
       unavailable/probe)
      {"cmd": "quit"}
Stanzas are written by hand (send_raw) so that every character is escaped exactly, CR as &#13;
(slixmpp and many servers write CR raw, and XML end-of-line handling then turns CR LF into LF).
--auto-receipt answers every <request/> with <received/> (XEP-0184 section 5.1).
--manual-subscriptions leaves subscription requests to the test (slixmpp otherwise approves every
request and subscribes back by itself).
Use the Debian interpreter /usr/bin/python3 (pyenv/venv pythons won't see slixmpp).
"""
import argparse
import asyncio
import json
import logging
import os
import re
import ssl
import sys

import slixmpp
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

NS_CLIENT = "jabber:client"
NS_XML = "http://www.w3.org/XML/1998/namespace"
NS_RECEIPTS = "urn:xmpp:receipts"
NS_CHATSTATES = "http://jabber.org/protocol/chatstates"
NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas"


def esc(s):
    out = []
    for ch in s:
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == "'":
            out.append("&apos;")
        elif ch == '"':
            out.append("&quot;")
        elif ch == "\r":
            out.append("&#13;")
        else:
            out.append(ch)
    return "".join(out)


def unesc(s):
    def ref(m):
        r = m.group(1)
        if r.startswith("#x"):
            return chr(int(r[2:], 16))
        if r.startswith("#"):
            return chr(int(r[1:]))
        return {"lt": "<", "gt": ">", "amp": "&", "apos": "'", "quot": '"'}[r]
    return re.sub(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|apos|quot);", ref, s)


def emit(obj):
    sys.stdout.write(json.dumps(obj, ensure_ascii=True) + "\n")
    sys.stdout.flush()


def build(c, cmd):
    attrs = {"to": cmd["to"]}
    if cmd.get("id"):
        attrs["id"] = cmd["id"]
    if cmd.get("type"):
        attrs["type"] = cmd["type"]
    if cmd.get("lang"):
        attrs["xml:lang"] = cmd["lang"]
    head = "<message" + "".join(" %s='%s'" % (k, esc(v)) for k, v in attrs.items()) + ">"
    parts = []
    if cmd.get("subject") is not None:
        parts.append("<subject>%s</subject>" % esc(cmd["subject"]))
    if cmd.get("thread") is not None:
        parts.append("<thread>%s</thread>" % esc(cmd["thread"]))
    if cmd.get("body") is not None:
        parts.append("<body>%s</body>" % esc(cmd["body"]))
    for lang, text in (cmd.get("bodies") or {}).items():
        parts.append("<body xml:lang='%s'>%s</body>" % (esc(lang), esc(text)))
    if cmd.get("receipt"):
        parts.append("<request xmlns='%s'/>" % NS_RECEIPTS)
    if cmd.get("received"):
        parts.append("<received xmlns='%s' id='%s'/>" % (NS_RECEIPTS, esc(cmd["received"])))
    if cmd.get("chat_state"):
        parts.append("<%s xmlns='%s'/>" % (cmd["chat_state"], NS_CHATSTATES))
    return head + "".join(parts) + "</message>"


def build_presence(cmd):
    attrs = {}
    for k in ("to", "type", "id"):
        if cmd.get(k):
            attrs[k] = cmd[k]
    head = "<presence" + "".join(" %s='%s'" % (k, esc(v)) for k, v in attrs.items())
    parts = []
    if cmd.get("show"):
        parts.append("<show>%s</show>" % esc(cmd["show"]))
    if cmd.get("status") is not None:
        parts.append("<status>%s</status>" % esc(cmd["status"]))
    if cmd.get("priority") is not None:
        parts.append("<priority>%d</priority>" % int(cmd["priority"]))
    return head + ("/>" if not parts else ">" + "".join(parts) + "</presence>")


class Wire:
    """Raw text received, to recover bodies before XML end-of-line normalisation."""

    def __init__(self):
        self.text = ""

    def feed(self, data):
        self.text += data.decode("utf-8", errors="replace")
        if len(self.text) > 4_000_000:
            self.text = self.text[-2_000_000:]

    def body_of(self, stanza_id):
        if not stanza_id:
            return None
        for q in ("'", '"'):
            i = self.text.rfind("id=" + q + esc(stanza_id) + q)
            if i < 0:
                continue
            start = self.text.rfind("<message", 0, i)
            end = self.text.find("</message>", i)
            if start < 0 or end < 0:
                continue
            m = re.search(r"<body(?:\s[^>]*)?>(.*?)</body>", self.text[start:end], re.S)
            if m:
                return unesc(m.group(1))
        return None


async def run(args):
    c = slixmpp.ClientXMPP(args.jid, args.password)
    c.ssl_context.check_hostname = False
    c.ssl_context.verify_mode = ssl.CERT_NONE
    c.register_plugin("xep_0199")
    if args.manual_subscriptions:
        c.auto_authorize = None
        c.auto_subscribe = False
    wire = Wire()
    done = asyncio.get_event_loop().create_future()

    original = c.data_received

    def data_received(data):
        wire.feed(data)
        return original(data)
    c.data_received = data_received

    def finish(rc):
        if not done.done():
            done.set_result(rc)

    async def on_start(_):
        c.send_presence()
        await c.get_roster()
        emit({"event": "ready"})

    def on_message(msg):
        x = msg.xml
        bodies = {}
        for b in x.findall("{%s}body" % NS_CLIENT):
            bodies[b.get("{%s}lang" % NS_XML, "")] = b.text or ""
        ev = {"event": "message", "from": str(msg["from"]), "to": str(msg["to"]), "id": msg["id"] or None,
              "type": x.get("type"), "lang": x.get("{%s}lang" % NS_XML), "bodies": bodies,
              "body": next(iter(bodies.values()), None), "subject": None, "thread": None,
              "chat_state": None, "receipt_request": x.find("{%s}request" % NS_RECEIPTS) is not None,
              "received_id": None, "wire_body": wire.body_of(msg["id"]), "xml": str(msg)}
        s = x.find("{%s}subject" % NS_CLIENT)
        if s is not None:
            ev["subject"] = s.text or ""
        t = x.find("{%s}thread" % NS_CLIENT)
        if t is not None:
            ev["thread"] = t.text or ""
        for child in x:
            if child.tag.startswith("{%s}" % NS_CHATSTATES):
                ev["chat_state"] = child.tag.split("}")[1]
        r = x.find("{%s}received" % NS_RECEIPTS)
        if r is not None:
            ev["received_id"] = r.get("id")
        if x.get("type") == "error":
            e = x.find("{%s}error" % NS_CLIENT)
            err = {"type": None, "condition": None, "text": None}
            if e is not None:
                err["type"] = e.get("type")
                for child in e:
                    name = child.tag.split("}")[1]
                    if child.tag.startswith("{%s}" % NS_STANZAS):
                        if name == "text":
                            err["text"] = child.text
                        else:
                            err["condition"] = name
            ev["error"] = err
        emit(ev)
        if args.auto_receipt and ev["receipt_request"] and ev["id"] and x.get("type") != "error":
            c.send_raw(build(c, {"to": ev["from"], "received": ev["id"]}))

    def on_presence(pres):
        x = pres.xml
        ev = {"event": "presence", "from": str(pres["from"]), "to": str(pres["to"]),
              "type": x.get("type") or "available", "show": None, "status": None, "priority": None,
              "xml": str(pres)}
        for name in ("show", "status", "priority"):
            e = x.find("{%s}%s" % (NS_CLIENT, name))
            if e is not None:
                ev[name] = e.text or ""
        if x.get("type") == "error":
            e = x.find("{%s}error" % NS_CLIENT)
            err = {"type": None, "condition": None, "text": None}
            if e is not None:
                err["type"] = e.get("type")
                for child in e:
                    name = child.tag.split("}")[1]
                    if child.tag.startswith("{%s}" % NS_STANZAS):
                        if name == "text":
                            err["text"] = child.text
                        else:
                            err["condition"] = name
            ev["error"] = err
        emit(ev)

    def on_command(line):
        try:
            cmd = json.loads(line)
        except ValueError as e:
            emit({"event": "bad-command", "detail": str(e)})
            return
        if cmd.get("cmd") == "quit":
            finish(0)
        elif cmd.get("cmd") == "ping":
            asyncio.ensure_future(ping(cmd["to"]))
        elif cmd.get("cmd") == "presence":
            c.send_raw(build_presence(cmd))
            emit({"event": "sent", "id": cmd.get("id")})
        elif cmd.get("cmd") == "send":
            c.send_raw(build(c, cmd))
            emit({"event": "sent", "id": cmd.get("id")})
        else:
            emit({"event": "bad-command", "detail": "unknown cmd"})

    async def ping(to):
        try:
            await c.plugin["xep_0199"].ping(to, timeout=20)
            emit({"event": "pong", "from": to, "ok": True})
        except Exception as e:  # an error answer or a timeout
            emit({"event": "pong", "from": to, "ok": False, "detail": str(e)})

    buf = b""

    def on_stdin():
        nonlocal buf
        data = os.read(sys.stdin.fileno(), 65536)
        if not data:
            finish(0)
            return
        buf += data
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            if line.strip():
                on_command(line.decode("utf-8"))

    asyncio.get_event_loop().add_reader(sys.stdin.fileno(), on_stdin)
    c.add_event_handler("session_start", on_start)
    # every <message/>, also those without <body/> (slixmpp's "message" event needs a body)
    c.register_handler(Callback("every message", MatchXPath("{%s}message" % NS_CLIENT), on_message))
    c.register_handler(Callback("every presence", MatchXPath("{%s}presence" % NS_CLIENT), on_presence))
    c.add_event_handler("failed_auth", lambda _: (emit({"event": "auth-failed"}), finish(1)))
    c.add_event_handler("disconnected", lambda _: finish(2))
    c.connect(address=(args.server, args.port))
    try:
        rc = await asyncio.wait_for(done, args.timeout)
    except asyncio.TimeoutError:
        emit({"event": "timeout"})
        rc = 1
    try:
        await asyncio.wait_for(c.disconnect(), 3)
    except Exception:
        pass
    return rc


def main():
    p = argparse.ArgumentParser()
    p.add_argument("jid")
    p.add_argument("password")
    p.add_argument("server")
    p.add_argument("--port", type=int, default=5222)
    p.add_argument("--auto-receipt", action="store_true")
    p.add_argument("--manual-subscriptions", action="store_true")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("-v", action="store_true")
    args = p.parse_args()
    logging.basicConfig(level=logging.DEBUG if args.v else logging.WARNING, stream=sys.stderr)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    sys.exit(asyncio.get_event_loop().run_until_complete(run(args)))


if __name__ == "__main__":
    main()
