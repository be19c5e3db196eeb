# Made by caching/addresses.py: python -m caching.addresses > this file;
# tests/test_addresses.py checks it is up to date. Do not edit by hand.

sub kss_normalise_url {
    set req.http.X-KSS-Path = regsub(req.url, "\?.*$", "");
    set req.http.X-KSS-Query = regsub(req.url, "^[^?]*\??", "");
    # Percent-escapes the app's server decodes before routing (unreserved
    # characters and the slash); the rest in capitals, as the app writes them.
    if (req.http.X-KSS-Path ~ "%") {
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%61", "a");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%62", "b");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%63", "c");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%64", "d");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%65", "e");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%66", "f");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%67", "g");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%68", "h");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%69", "i");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6A", "j");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6B", "k");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6C", "l");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6D", "m");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6E", "n");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%6F", "o");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%70", "p");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%71", "q");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%72", "r");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%73", "s");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%74", "t");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%75", "u");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%76", "v");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%77", "w");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%78", "x");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%79", "y");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%7A", "z");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%41", "A");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%42", "B");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%43", "C");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%44", "D");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%45", "E");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%46", "F");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%47", "G");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%48", "H");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%49", "I");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4A", "J");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4B", "K");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4C", "L");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4D", "M");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4E", "N");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%4F", "O");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%50", "P");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%51", "Q");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%52", "R");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%53", "S");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%54", "T");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%55", "U");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%56", "V");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%57", "W");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%58", "X");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%59", "Y");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%5A", "Z");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%30", "0");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%31", "1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%32", "2");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%33", "3");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%34", "4");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%35", "5");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%36", "6");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%37", "7");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%38", "8");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%39", "9");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%2D", "-");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%2E", ".");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%5F", "_");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%7E", "~");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "(?i)%2F", "/");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%a([0-9A-Fa-f])", "%A\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%b([0-9A-Fa-f])", "%B\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%c([0-9A-Fa-f])", "%C\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%d([0-9A-Fa-f])", "%D\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%e([0-9A-Fa-f])", "%E\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%f([0-9A-Fa-f])", "%F\1");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])a", "%\1A");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])b", "%\1B");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])c", "%\1C");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])d", "%\1D");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])e", "%\1E");
        set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "%([0-9A-F])f", "%\1F");
    }
    set req.http.X-KSS-Path = regsuball(req.http.X-KSS-Path, "/{2,}", "/");
    # Tracking parameters, with or without a value, and empty pairs.
    if (req.http.X-KSS-Query != "") {
        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query,
            "(?i)(^|&)(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|_hsenc|_hsmi|igshid|yclid|twclid|ttclid|li_fat_id|ref_src|s_cid)(=[^&]*)?(?=&|$)", "");
        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query, "&{2,}", "&");
        set req.http.X-KSS-Query = regsuball(req.http.X-KSS-Query, "^&|&$", "");
    }
    if (req.http.X-KSS-Query == "") {
        set req.url = req.http.X-KSS-Path;
    } else {
        set req.url = req.http.X-KSS-Path + "?" + req.http.X-KSS-Query;
    }
    unset req.http.X-KSS-Path;
    unset req.http.X-KSS-Query;
}
