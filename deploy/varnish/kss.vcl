# Varnish in front of the KSS site (docs/deployment.md, docs/performance.md).
#
# Stores only what the application marks as fit for a shared cache
# (Cache-Control: public with s-maxage: pages for anonymous visitors, the rule
# in caching/page_cache.py) and passes everything else: the admin, staff with a
# session, search results, filtered listings, errors. After every change the
# application forgets what it touched (caching/invalidation.py): PURGE of a
# path drops it for every host and scheme, BAN drops everything.
vcl 4.1;

# kss_normalise_url: one spelling per address, the app's (caching/addresses.py).
include "./addresses.vcl";

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Only the application machines may purge: by address, and never what came
# through nginx (which marks what it passes with X-KSS-Front), even when nginx
# runs on an application machine.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if ((req.method == "PURGE" || req.method == "BAN") && req.http.X-KSS-Front) {
        return (synth(405, "Not allowed"));
    }
    unset req.http.X-KSS-Front;
    # Varnish has added nginx's address to X-Forwarded-For, after the
    # visitor's that nginx wrote. It comes off again: staff reach the app
    # from nginx directly, and the app counts one proxy on either way
    # (PROXY_COUNT, security/client.py).
    if (req.restarts == 0 && req.http.X-Forwarded-For) {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, "(^|, *)[^,]*$", "");
        if (req.http.X-Forwarded-For == "") {
            unset req.http.X-Forwarded-For;
        }
    }
    # Before a lookup and a purge alike, so a purge reaches every spelling:
    # /%70artnere/x/, /partnere/x%2f, /partnere//x/, /partnere/x/?utm_source.
    call kss_normalise_url;
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # By path, whatever the host and scheme a copy was stored under.
        ban("obj.http.x-url == " + req.url);
        return (synth(200, "Purged"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The address alone decides the language, so one copy serves everyone.
    unset req.http.Accept-Language;
    # Staff and anyone who passed a page password carry a session: always fresh.
    if (req.url ~ "^/(admin|documents|_util)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # The public site sets no cookies; anything else a browser sends is not ours.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # A copy per address, host and scheme: a feed's links carry the host it
    # was asked for, and a page stored for HTTPS must not answer plain HTTP.
    hash_data(req.url);
    hash_data(req.http.host);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # What a PURGE matches; the ban lurker reads it in the background.
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_backend_error {
    # An application machine that went away mid-request (a restart, a crash):
    # another one gets the request, so the visitor does not see it. Not a
    # POST, whose effect may already have happened.
    if (bereq.retries < 1 && bereq.method != "POST") {
        return (retry);
    }
}

sub vcl_deliver {
    # Nothing about the cache's inner workings reaches the visitor.
    unset resp.http.x-url;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Age;
}
