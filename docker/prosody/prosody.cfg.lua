-- Prosody for docker/compose.yaml: serves xmpp.example.test and federates with the gateway
-- (gw.example.test, sip.example.test) over server-to-server with dialback. Test setup only:
-- self-signed certificates are accepted (s2s_secure_auth = false).
admins = { }
modules_enabled = { "roster", "saslauth", "tls", "dialback", "disco", "ping", "posix" }
log = { info = "*console" }
daemonize = false
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
s2s_secure_auth = false
s2s_require_encryption = false
authentication = "internal_hashed"
storage = "internal"
-- the compose network's DNS knows the gateway's aliases (A records, port 5269)
unbound = { resolvconf = true, hoststxt = true }

VirtualHost "xmpp.example.test"
