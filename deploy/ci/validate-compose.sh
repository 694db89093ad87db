#!/usr/bin/env bash
# Validates the container deployment without a Docker engine (quick; compose-e2e.sh runs one):
#
#   1. compose.yaml with Debian's docker-compose (`docker-compose config -q`),
#   2. compose.yaml against the Compose Specification JSON schema that Debian's docker-compose
#      package ships (the fallback when docker-compose itself cannot be had or run),
#   3. the stack's shape: the nine services, their dependencies, per-service login roles, ports,
#      health checks, the simulator's key volume, and that every binary compose runs is a product
#      in Package.swift (deploy/ci/compose-e2e.sh then runs the stack with a real engine),
#   4. deploy/Containerfile's basic shape (no hadolint here: plain checks), .dockerignore,
#      the entrypoint, and deploy/postgres (no hard-coded passwords).
#
#   deploy/ci/validate-compose.sh [COMPOSE_FILE]     (default: compose.yaml at the top)
#   OCC_COMPOSE_VALIDATOR=schema deploy/ci/validate-compose.sh     (skip docker-compose)
#
# Exits non-zero on the first kind of problem it finds, after printing every problem of that
# step. Installs what it needs only when missing (apt-get, as root or via sudo), so it is
# idempotent and takes a few seconds once installed.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
compose="${1:-$root/compose.yaml}"
[ -f "$compose" ] || { echo "validate-compose: no such file: $compose" >&2; exit 2; }
compose="$(cd "$(dirname "$compose")" && pwd)/$(basename "$compose")"
cd "$root"

step() { printf '· %s\n' "$*"; }

# --- tools ------------------------------------------------------------------------------------
# Debian's docker-compose (1.29) brings python3-yaml and python3-jsonschema with it; the schema
# checks use Debian's own python3 so a pyenv/venv python3 on PATH does not matter.
py=/usr/bin/python3
need=()
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
[ -x "$py" ] && "$py" -c 'import yaml' 2>/dev/null || need+=(python3-yaml)
[ -x "$py" ] && "$py" -c 'import jsonschema' 2>/dev/null || need+=(python3-jsonschema)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  step "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; then :; else
    echo "validate-compose: could not install ${need[*]}" >&2
  fi
fi
if ! [ -x "$py" ] || ! "$py" -c 'import yaml, jsonschema' 2>/dev/null; then
  echo "validate-compose: need Debian's python3 with python3-yaml and python3-jsonschema" >&2
  exit 2
fi

# --- 1. docker-compose ------------------------------------------------------------------------
# Interpolation uses the file's own defaults: a developer's .env or OCC_* variables must not
# make CI's verdict differ, so run with a clean environment.
clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="${HOME:-/root}" LANG=C.UTF-8)
schema=""
# OCC_COMPOSE_VALIDATOR=schema skips docker-compose (to exercise the fallback on purpose).
if [ "${OCC_COMPOSE_VALIDATOR:-}" != schema ] && command -v docker-compose >/dev/null 2>&1; then
  version="$(docker-compose version --short 2>/dev/null || echo unknown)"
  step "docker-compose $version: config -q $(basename "$compose")"
  if ! "${clean_env[@]}" docker-compose --project-directory "$root" -f "$compose" config -q; then
    echo "FAIL: docker-compose rejects $compose" >&2
    exit 1
  fi
  agency="$root/deploy/agency/compose.yaml"
  step "docker-compose $version: config -q with $(basename "$compose") + deploy/agency/compose.yaml"
  if ! "${clean_env[@]}" docker-compose --project-directory "$root" -f "$compose" -f "$agency" config -q; then
    echo "FAIL: docker-compose rejects $compose with $agency" >&2
    exit 1
  fi
  schema="$("$py" -c 'import compose.config, os; print(os.path.join(os.path.dirname(compose.config.__file__), "compose_spec.json"))' 2>/dev/null || true)"
else
  step "docker-compose not used: falling back to the Compose JSON schema alone"
fi

# --- 2..4. schema, stack shape, Containerfile, roles --------------------------------------------
"${clean_env[@]}" "$py" - "$root" "$compose" "$schema" <<'PY'
import json, os, re, stat, subprocess, sys

import jsonschema
import yaml

root, compose_path, schema_path = sys.argv[1], sys.argv[2], sys.argv[3]
problems = []


def step(text):
    print("· " + text, flush=True)


def fail(text):
    problems.append(text)


def finish(what):
    if problems:
        for p in problems:
            print("FAIL: " + p, file=sys.stderr)
        print(f"validate-compose: {len(problems)} problem(s) in {what}", file=sys.stderr)
        sys.exit(1)


# ---- 2. the Compose Specification schema ----
try:
    with open(compose_path) as f:
        doc = yaml.safe_load(f)  # resolves anchors and << merge keys as Compose does
except yaml.YAMLError as e:
    print(f"FAIL: {compose_path} is not YAML: {e}", file=sys.stderr)
    sys.exit(1)
if not isinstance(doc, dict):
    print(f"FAIL: {compose_path} is not a mapping", file=sys.stderr)
    sys.exit(1)

if not schema_path or not os.path.isfile(schema_path):
    # Debian's docker-compose package is where the schema comes from; nothing else is reachable.
    candidates = ["/usr/lib/python3/dist-packages/compose/config/compose_spec.json"]
    schema_path = next((c for c in candidates if os.path.isfile(c)), "")
if not schema_path:
    print("FAIL: no Compose JSON schema found (install Debian's docker-compose)", file=sys.stderr)
    sys.exit(2)
with open(schema_path) as f:
    schema = json.load(f)
step(f"JSON schema: {schema_path} ({schema.get('$schema', '?').split('/')[-2] if '$schema' in schema else 'draft ?'})")
validator_class = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
validator = validator_class(schema)
for error in sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path)):
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    fail(f"schema: {where}: {error.message}")
finish("the Compose schema check")

# ---- 3. the stack's shape ----
step("stack shape: services, dependencies, roles, ports, health checks")
services = doc.get("services") or {}
workers = {"intake": 8080, "tasking": 8081, "feedback": 8082, "enrichment": 8083}
expected = {"postgres", "migrate", "logins", "simulator-setup", "simulator", *workers}
missing = expected - services.keys()
if missing:
    fail(f"services missing: {', '.join(sorted(missing))}")
extra = services.keys() - expected
if extra:
    print(f"  note: extra services {', '.join(sorted(extra))}")


def as_list(command):
    if command is None:
        return []
    return command.split() if isinstance(command, str) else [str(c) for c in command]


def env_of(svc):
    env = svc.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {k: ("" if v is None else str(v)) for k, v in env.items()}


def depends(svc):
    deps = svc.get("depends_on") or {}
    if isinstance(deps, list):
        return {d: "service_started" for d in deps}
    return {d: (c or {}).get("condition", "service_started") for d, c in deps.items()}


def healthcheck_text(svc):
    test = (svc.get("healthcheck") or {}).get("test")
    return " ".join(test) if isinstance(test, list) else str(test or "")


def image_default(svc):
    # `${OCC_POSTGRES_IMAGE:-postgres:15}`: the image used when the variable is unset.
    image = str(svc.get("image", ""))
    m = re.fullmatch(r"\$\{OCC_POSTGRES_IMAGE:-([^}]+)\}", image)
    return m.group(1) if m else image


pg = services.get("postgres") or {}
if not image_default(pg).startswith("postgres:15"):
    fail(f"postgres: image should default to the official postgres:15, not {pg.get('image')!r}")
if (services.get("logins") or {}).get("image") != pg.get("image"):
    fail("logins: should use the postgres service's image (its psql)")
if "pg_isready" not in healthcheck_text(pg):
    fail("postgres: needs a pg_isready healthcheck")
if not any(str(v).split(":")[1:2] == ["/var/lib/postgresql/data"] for v in pg.get("volumes") or [] if isinstance(v, str)):
    fail("postgres: its data directory /var/lib/postgresql/data should be on a volume")

images = {}
for name in ["migrate", *workers, "simulator-setup", "simulator"]:
    svc = services.get(name)
    if svc is None:
        continue
    build = svc.get("build")
    dockerfile = build.get("dockerfile") if isinstance(build, dict) else None
    if dockerfile != "deploy/Containerfile":
        fail(f"{name}: should build deploy/Containerfile (build.dockerfile), got {dockerfile!r}")
    images[name] = svc.get("image")

if len(set(images.values())) > 1:
    fail(f"migrate, the services and the simulator should share one image, got {sorted(set(map(str, images.values())))}")

migrate = services.get("migrate") or {}
if as_list(migrate.get("command"))[:2] != ["occ", "migrate"]:
    fail(f"migrate: command should be `occ migrate`, got {as_list(migrate.get('command'))}")
if depends(migrate).get("postgres") != "service_healthy":
    fail("migrate: should depend on postgres being service_healthy")
if str(migrate.get("restart", "no")) not in ("no", "on-failure"):
    fail("migrate: a one-shot job must not restart: unless-stopped/always")

logins = {}
for name, port in workers.items():
    svc = services.get(name)
    if svc is None:
        continue
    command = as_list(svc.get("command"))
    if command[:1] != [name]:
        fail(f"{name}: command should start with `{name}`, got {command}")
    if depends(svc).get("migrate") != "service_completed_successfully":
        fail(f"{name}: should depend on migrate with condition service_completed_successfully")
    env = env_of(svc)
    url = env.get("DATABASE_URL", "")
    m = re.match(r"^postgres(?:ql)?://([^:@/]+)(?::[^@]*)?@([^:/?]+)(?::\d+)?/[^?]+", url)
    if not m:
        fail(f"{name}: DATABASE_URL should be postgres://LOGIN:PASSWORD@postgres:5432/DB, got {url!r}")
    else:
        login, host = m.group(1), m.group(2)
        if host != "postgres":
            fail(f"{name}: DATABASE_URL should point at the postgres service, not {host!r}")
        if login != f"occ_{name}_login":
            fail(f"{name}: should connect as its own login role occ_{name}_login, not {login!r}")
        logins[name] = login
    if env.get("HTTP_PORT") != str(port):
        fail(f"{name}: HTTP_PORT should be {port}, got {env.get('HTTP_PORT')!r}")
    if "LOG_LEVEL" not in env:
        fail(f"{name}: should set LOG_LEVEL")
    check = healthcheck_text(svc)
    if not ("/healthz" in check or ("healthcheck" in check and str(port) in check)):
        fail(f"{name}: healthcheck should probe /healthz on {port}, got {check!r}")
if len(set(logins.values())) != len(logins):
    fail("the services must not share a database login")

# The logins are bound in a table the migrations create: roles.sql runs after migrate, and the
# services start after it.
login_job = services.get("logins")
if login_job is None:
    fail("services missing: logins (deploy/postgres/roles.sql after migrate)")
else:
    if depends(login_job).get("migrate") != "service_completed_successfully":
        fail("logins: should depend on migrate with condition service_completed_successfully")
    for name in workers:
        if name in services and depends(services[name]).get("logins") != "service_completed_successfully":
            fail(f"{name}: should depend on logins with condition service_completed_successfully")

# The simulator's keys: written once by simulator-setup (the operator login) to a named volume,
# read by the simulator, which talks to the services over HTTP only (no DATABASE_URL).
setup = services.get("simulator-setup") or {}
if as_list(setup.get("command"))[:3] != ["occ", "simulate", "setup"]:
    fail(f"simulator-setup: command should be `occ simulate setup`, got {as_list(setup.get('command'))}")
if not env_of(setup).get("DATABASE_URL", "").startswith("postgres://occ_operator_login:"):
    fail("simulator-setup: should connect as occ_operator_login")
if depends(setup).get("logins") != "service_completed_successfully":
    fail("simulator-setup: should depend on logins with condition service_completed_successfully")
simulator = services.get("simulator") or {}
if as_list(simulator.get("command"))[:2] != ["occ", "simulate"]:
    fail(f"simulator: command should be `occ simulate`, got {as_list(simulator.get('command'))}")
simulator_env = env_of(simulator)
if "DATABASE_URL" in simulator_env:
    fail("simulator: drives the services over HTTP only; it should have no DATABASE_URL")
for var, svc_name in (("INTAKE_URL", "intake"), ("TASKING_URL", "tasking"), ("FEEDBACK_URL", "feedback")):
    if f"//{svc_name}:{workers[svc_name]}" not in simulator_env.get(var, ""):
        fail(f"simulator: {var} should be http://{svc_name}:{workers[svc_name]}, got {simulator_env.get(var)!r}")
    if depends(simulator).get(svc_name) != "service_healthy":
        fail(f"simulator: should depend on {svc_name} being service_healthy")
if depends(simulator).get("simulator-setup") != "service_completed_successfully":
    fail("simulator: should depend on simulator-setup with condition service_completed_successfully")
if "simulator-keys:/var/lib/occ-simulator" not in (setup.get("volumes") or []):
    fail("simulator-setup: should write the keys to the simulator-keys volume at /var/lib/occ-simulator")
if "simulator-keys:/var/lib/occ-simulator:ro" not in (simulator.get("volumes") or []):
    fail("simulator: should mount the simulator-keys volume read-only")
if "simulator-keys" not in (doc.get("volumes") or {}):
    fail("volumes: simulator-keys should be a named volume")
for name, svc in services.items():
    if name in workers or name == "postgres":
        if svc.get("restart") not in ("unless-stopped", "always", "on-failure"):
            fail(f"{name}: a long-running service should restart when it dies, got restart {svc.get('restart')!r}")
    elif str(svc.get("restart", "no")) not in ("no", "on-failure"):
        fail(f"{name}: a one-shot job must not restart: unless-stopped/always")

# Every binary compose runs is an executable product of the package.
with open(os.path.join(root, "Package.swift")) as f:
    package = f.read()
products = set(re.findall(r'\.executable\(\s*name:\s*"([^"]+)"', package))
step(f"Package.swift executable products: {', '.join(sorted(products))}")
for name, svc in services.items():
    command = as_list(svc.get("command"))
    if svc.get("build") and command and command[0] not in products:
        fail(f"{name}: runs `{command[0]}`, which is not an executable product in Package.swift")

# Host paths compose refers to exist.
for name, svc in services.items():
    build = svc.get("build")
    if isinstance(build, dict):
        context = os.path.join(root, build.get("context", "."))
        if not os.path.isdir(context):
            fail(f"{name}: build context {build.get('context')!r} does not exist")
        elif not os.path.isfile(os.path.join(context, build.get("dockerfile", "Dockerfile"))):
            fail(f"{name}: dockerfile {build.get('dockerfile')!r} does not exist")
    for volume in svc.get("volumes") or []:
        source = volume.split(":")[0] if isinstance(volume, str) else (volume.get("source") if volume.get("type") == "bind" else None)
        if source and source.startswith((".", "/")) and not os.path.exists(os.path.join(root, source)):
            fail(f"{name}: bind mount source {source!r} does not exist")
finish("the stack's shape")

# ---- 4. Containerfile, .dockerignore, entrypoint, postgres roles ----
step("deploy/Containerfile: stages, packages, static stdlib, non-root user, entrypoint, binaries")
with open(os.path.join(root, "deploy/Containerfile")) as f:
    text = f.read()
lines = re.sub(r"\\\n", " ", text).splitlines()
instructions = [l.strip() for l in lines if l.strip() and not l.strip().startswith("#")]
args = {}
stages = []  # (image, alias, [instructions])
for line in instructions:
    keyword, _, rest = line.partition(" ")
    keyword = keyword.upper()
    if keyword == "ARG" and not stages:
        key, _, value = rest.strip().partition("=")
        args[key] = value.strip().strip('"')
    elif keyword == "FROM":
        image = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), rest.split()[0])
        alias = rest.split()[2] if len(rest.split()) > 2 and rest.split()[1].upper() == "AS" else None
        stages.append((image, alias, []))
    elif stages:
        stages[-1][2].append(line)
if len(stages) < 2:
    fail("Containerfile: should be multi-stage (a builder and a runtime stage)")
else:
    builder_image, _, builder = stages[0]
    runtime_image, _, runtime = stages[-1]
    m = re.match(r"swift:(\d+)\.(\d+)(?:\.\d+)?-bookworm$", builder_image)
    if not m or int(m.group(1)) < 6:
        fail(f"Containerfile: builder should be swift:6.x-bookworm (6.0 or newer), got {builder_image!r}")
    builder_text = "\n".join(builder)
    for package_name in ("libpq-dev", "publicsuffix"):
        if not re.search(rf"apt-get install[^\n]*\b{re.escape(package_name)}\b", builder_text):
            fail(f"Containerfile: builder should apt-get install {package_name}")
    builds = [b for b in re.findall(r"swift build[^&;|\n]*", builder_text) if "--show-bin-path" not in b]
    if not builds or not all("-c release" in b and "--static-swift-stdlib" in b for b in builds):
        fail("Containerfile: builder should run `swift build -c release --static-swift-stdlib` (every build)")
    if runtime_image != "debian:bookworm-slim":
        fail(f"Containerfile: runtime should be debian:bookworm-slim, got {runtime_image!r}")
    runtime_text = "\n".join(runtime)
    for package_name in ("libpq5", "publicsuffix", "ca-certificates"):
        if not re.search(rf"apt-get install[^\n]*\b{re.escape(package_name)}\b", runtime_text):
            fail(f"Containerfile: runtime should apt-get install {package_name}")
    if "rm -rf /var/lib/apt/lists" not in runtime_text:
        fail("Containerfile: runtime should clean /var/lib/apt/lists after installing")
    users = [l.split()[1] for l in runtime if l.upper().startswith("USER ")]
    if not users or users[-1].split(":")[0] in ("root", "0"):
        fail("Containerfile: the runtime stage must end as a non-root USER")
    entrypoints = [l for l in runtime if l.upper().startswith("ENTRYPOINT ")]
    if not entrypoints or not entrypoints[-1].split(None, 1)[1].startswith("["):
        fail("Containerfile: needs an exec-form ENTRYPOINT [\"...\"]")
    if not any(re.match(r"COPY\s+--from=", l, re.I) for l in runtime):
        fail("Containerfile: runtime should COPY --from the builder")
    for product in sorted(products):
        if not re.search(rf"\b{re.escape(product)}\b", builder_text):
            fail(f"Containerfile: product {product!r} is not installed from the builder")
    # What the builder copies in must exist and not be excluded by .dockerignore.
    for line in builder + runtime:
        if re.match(r"(COPY|ADD)\s", line, re.I) and "--from" not in line:
            for source in line.split()[1:-1]:
                if source.startswith("--"):
                    continue
                if not os.path.exists(os.path.join(root, source)):
                    fail(f"Containerfile: {line!r}: {source} does not exist")

ignore_path = os.path.join(root, ".dockerignore")
if not os.path.isfile(ignore_path):
    fail(".dockerignore is missing: the build context would include .build and .git")
else:
    with open(ignore_path) as f:
        patterns = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    for must in (".build", ".git"):
        if not any(p.rstrip("/") in (must, must + "*") or (must == ".build" and p == ".build*") for p in patterns):
            fail(f".dockerignore should exclude {must}")
    for needed in ("Package.swift", "Shared", "Services", "Tests", "deploy"):
        if needed in [p.rstrip("/") for p in patterns]:
            fail(f".dockerignore excludes {needed}, which the build needs")

entrypoint = os.path.join(root, "deploy/entrypoint.sh")
if not os.path.isfile(entrypoint):
    fail("deploy/entrypoint.sh is missing")
else:
    if not os.stat(entrypoint).st_mode & stat.S_IXUSR:
        fail("deploy/entrypoint.sh should be executable")
    with open(entrypoint) as f:
        body = f.read()
    for product in sorted(products):
        if not re.search(rf"\b{re.escape(product)}\b", body):
            fail(f"deploy/entrypoint.sh does not dispatch {product!r}")

step("deploy/postgres: roles from psql variables, init scripts, shell syntax")
roles_files = [os.path.join(root, "deploy/postgres", n) for n in ("roles.sql", "login-role.psql")]
for path in roles_files:
    if not os.path.isfile(path):
        fail(f"{os.path.relpath(path, root)} is missing")
        continue
    with open(path) as f:
        sql = f.read()
    if re.search(r"PASSWORD\s+'", sql, re.I) or re.search(r"PASSWORD\s+E'", sql, re.I):
        fail(f"{os.path.relpath(path, root)}: hard-coded password literal (use :'var')")
init_dir = os.path.join(root, "deploy/postgres/init")
for name in sorted(os.listdir(init_dir)) if os.path.isdir(init_dir) else []:
    path = os.path.join(init_dir, name)
    if name.endswith(".sh") and not os.stat(path).st_mode & stat.S_IXUSR:
        fail(f"deploy/postgres/init/{name} should be executable")
scripts = [entrypoint, os.path.join(root, "deploy/ci/validate-compose.sh"), os.path.join(root, "deploy/postgres/compose-logins.sh"),
           os.path.join(root, "deploy/ci/compose-e2e.sh"), os.path.join(root, "deploy/images/build-base.sh"),
           os.path.join(root, "deploy/images/build-exchange.sh"), os.path.join(root, "deploy/images/postgres-entrypoint.sh")]
scripts += [os.path.join(init_dir, n) for n in os.listdir(init_dir) if n.endswith(".sh")] if os.path.isdir(init_dir) else []
for path in scripts:
    if os.path.isfile(path):
        result = subprocess.run(["bash", "-n", path], capture_output=True, text=True)
        if result.returncode != 0:
            fail(f"{os.path.relpath(path, root)}: bash -n: {result.stderr.strip()}")
finish("the image and role files")

print(f"compose OK: {len(services)} services ({', '.join(services)}), "
      f"image from deploy/Containerfile, products {', '.join(sorted(products))}")
PY
