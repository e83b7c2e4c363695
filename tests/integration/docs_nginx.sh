# docs/nginx.conf, as docs/deploy.md installs it, is a configuration nginx
# accepts (nginx -t with a throwaway certificate in place of the real one):
# its per-address limits (limit_conn, limit_req) and slow-client timeouts
# are the ones behind a proxy (docs/web.md).
. "$ROOT/tests/integration/lib.sh"

command -v nginx >/dev/null 2>&1 || { echo "nginx is not installed"; exit 77; }
command -v openssl >/dev/null 2>&1 || { echo "openssl is not installed"; exit 77; }
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 -subj /CN=gemis.test \
	2>/dev/null || die "cannot make a certificate"
sed "s|/etc/ssl/gemis/fullchain.pem|$PWD/cert.pem|; s|/etc/ssl/gemis/privkey.pem|$PWD/key.pem|;
     s|/var/log/nginx/gemis.access.log|$PWD/access.log|" "$ROOT/docs/nginx.conf" >site.conf
for d in limit_conn limit_req client_header_timeout client_body_timeout send_timeout; do
	grep -q "^[[:space:]]*$d " site.conf || die "docs/nginx.conf has no $d"
done
printf 'pid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n\tinclude %s/site.conf;\n}\n' \
	"$PWD" "$PWD" "$PWD" >nginx.conf
expect_ok nginx -t -c "$PWD/nginx.conf" -p "$PWD"
contains "$err" "test is successful"
