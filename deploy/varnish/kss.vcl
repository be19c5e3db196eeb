# Varnish in front of the KSS site (docs/deployment.md).
#
# Stores only what the application marks as fit for a shared cache
# (Cache-Control: public with s-maxage: pages for anonymous visitors, see
# caching/page_cache.py) and passes everything else: the admin, staff with a session,
# search results, filtered listings, errors. Publishing in the admin purges the
# changed pages at once (wagtail.contrib.frontend_cache, caching/front_cache.py).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Only the application machines may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
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
    # One site per Varnish: purges name the Wagtail Site's host name, visitors
    # may use another (www., a port), so the address alone is the key.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    # Nothing about the cache's inner workings reaches the visitor.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Age;
}
