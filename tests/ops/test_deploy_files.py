"""The container and Kubernetes files, checked statically (no container engine runs here): they run exactly the
production Procfile's commands, the manifests validate against the Kubernetes schemas, the image is multi-stage
and unprivileged, and production installs no test tools."""

import re
import shlex
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
# The oldest Kubernetes still commonly run, and the newest that kubernetes-validate knows.
KUBERNETES_VERSIONS = ["1.30", kubernetes_validate.utils.latest_version()]


def procfile(name="Procfile") -> dict[str, str]:
    entries = {}
    for line in (ROOT / name).read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_-]+):\s*(.+)$", line):
            entries[match.group(1)] = match.group(2)
    return entries


def normalised(command) -> str:
    """A command as one line, however it is written: a Procfile or compose line as it reads, a list of arguments
    joined, and `sh -c "..."` as the shell line it runs."""
    if isinstance(command, list):
        command = command[2] if command[:2] == ["sh", "-c"] else shlex.join(command)
    return " ".join(command.split())


def manifests() -> list[dict]:
    docs = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            docs += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return docs


def workloads() -> dict[str, dict]:
    """Each Deployment and Job by its component label, with its pod spec."""
    found = {}
    for doc in manifests():
        if doc["kind"] in {"Deployment", "Job"}:
            template = doc["spec"]["template"]
            found[template["metadata"]["labels"]["app.kubernetes.io/component"]] = {"doc": doc, **template["spec"]}
    return found


def test_the_procfile_has_the_four_production_processes():
    assert set(procfile()) == {"release", "web", "worker", "beat"}
    assert "collectstatic" in procfile()["release"] and "migrate" in procfile()["release"]


def test_compose_runs_the_procfiles_commands():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    for name, command in procfile().items():
        assert normalised(services[name]["command"]) == normalised(command), name


def test_kubernetes_runs_the_procfiles_commands():
    found = workloads()
    for name, command in procfile().items():
        [container] = found[name]["containers"]
        assert normalised(container["command"]) == normalised(command), name


def test_the_image_default_command_is_the_procfiles_web():
    cmd = re.search(r"^CMD (.+)$", (ROOT / "Dockerfile").read_text(), re.MULTILINE).group(1)
    assert normalised(yaml.safe_load(cmd)) == normalised(procfile()["web"])


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_manifest_validates_against_the_kubernetes_schemas(version):
    docs = manifests()
    assert {doc["kind"] for doc in docs} >= {
        "Namespace", "ConfigMap", "Secret", "Job", "Deployment", "Service", "HorizontalPodAutoscaler", "Ingress"
    }  # fmt: skip
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)


def test_kustomize_lists_every_manifest():
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")


def test_beat_is_a_single_replica_replaced_with_recreate():
    beat = workloads()["beat"]["doc"]
    assert beat["spec"]["replicas"] == 1 and beat["spec"]["strategy"] == {"type": "Recreate"}
    targets = {doc["spec"]["scaleTargetRef"]["name"] for doc in manifests() if doc["kind"] == "HorizontalPodAutoscaler"}
    assert beat["metadata"]["name"] not in targets


def test_web_and_workers_have_probes_and_autoscalers_and_the_web_is_reachable():
    found = workloads()
    [web] = found["web"]["containers"]
    assert web["readinessProbe"]["httpGet"]["path"] == "/healthz/ready"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz/live"
    [worker] = found["worker"]["containers"]
    assert "inspect ping" in " ".join(worker["livenessProbe"]["exec"]["command"])
    targets = {doc["spec"]["scaleTargetRef"]["name"] for doc in manifests() if doc["kind"] == "HorizontalPodAutoscaler"}
    assert targets == {found["web"]["doc"]["metadata"]["name"], found["worker"]["doc"]["metadata"]["name"]}
    [service] = [doc for doc in manifests() if doc["kind"] == "Service"]
    assert service["spec"]["selector"].items() <= found["web"]["doc"]["spec"]["template"]["metadata"]["labels"].items()
    [ingress] = [doc for doc in manifests() if doc["kind"] == "Ingress"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]


def test_every_pod_runs_unprivileged_with_the_configmap_and_the_secret():
    names = {(doc["kind"], doc["metadata"]["name"]) for doc in manifests()}
    for component, spec in workloads().items():
        assert spec["securityContext"]["runAsNonRoot"] is True and spec["securityContext"]["runAsUser"] != 0, component
        [container] = spec["containers"]
        refs = {("ConfigMap", r["configMapRef"]["name"]) if "configMapRef" in r else ("Secret", r["secretRef"]["name"])
                for r in container["envFrom"]}  # fmt: skip
        assert refs <= names, component


def dockerfile_stages() -> list[dict]:
    stages = []
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        if match := re.match(r"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", line, re.IGNORECASE):
            stages.append({"image": match.group(1), "name": match.group(2), "lines": []})
        elif stages:
            stages[-1]["lines"].append(line)
    return stages


def test_the_image_is_multi_stage_unprivileged_and_collects_static_files_at_build():
    stages = dockerfile_stages()
    assert len(stages) >= 2 and all(stage["name"] for stage in stages)
    build, runtime = stages[0], stages[-1]
    assert any("requirements.txt" in line and "pip install" in line for line in build["lines"])
    assert any(line.startswith(f"COPY --from={build['name']} ") for line in runtime["lines"])
    users = [line.split()[1] for line in runtime["lines"] if line.startswith("USER ")]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert any("collectstatic" in line for line in runtime["lines"])
    assert "requirements-dev" not in (ROOT / "Dockerfile").read_text()


def test_production_requirements_carry_no_test_tools_and_everything_is_pinned():
    runtime = (ROOT / "requirements.txt").read_text()
    names = {re.split(r"[=\[]", line)[0].lower() for line in runtime.splitlines() if line and not line.startswith("#")}
    assert not names & {"pytest", "pytest-django", "playwright", "pytest-playwright", "ruff", "faker", "factory_boy",
                        "hypothesis", "honcho", "kubernetes-validate", "time-machine"}  # fmt: skip
    dev = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r requirements.txt" in dev
    for line in runtime.splitlines() + dev:
        if line and not line.startswith(("#", "-r")):
            assert re.match(r"^[A-Za-z0-9_.\-\[\],]+==\S+", line), line


def test_no_file_names_a_package_registry_or_a_cdn():
    hosts = ["pypi" + ".org", "pythonhosted" + ".org", "registry.npmjs" + ".org", "jsdelivr" + ".net", "unpkg" + ".com",
             "cdnjs" + ".", "docker" + ".io", "ghcr" + ".io", "quay" + ".io", "deb.debian" + ".org"]  # fmt: skip
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    for name in tracked:
        path = ROOT / name
        if path.is_file() and path.suffix not in {".png", ".ico", ".svg", ".woff2"}:
            text = path.read_text(errors="ignore")
            assert not [host for host in hosts if host in text], name


def test_uploaded_files_outlive_a_restart_in_compose_and_on_kubernetes():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    for name in ("release", "web", "worker"):
        assert "media:/app/var/media" in compose["services"][name]["volumes"], name
    assert "media" in compose["volumes"]
    [claim] = [doc for doc in manifests() if doc["kind"] == "PersistentVolumeClaim"]
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]  # every web pod reads and writes the files
    for component in ("web", "worker"):
        spec = workloads()[component]
        claims = {
            v["name"]: v["persistentVolumeClaim"]["claimName"] for v in spec["volumes"] if "persistentVolumeClaim" in v
        }
        [container] = spec["containers"]
        mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
        assert claims == {"media": claim["metadata"]["name"]} and mounts["media"] == "/app/var/media", component
    [configmap] = [doc for doc in manifests() if doc["kind"] == "ConfigMap"]
    assert configmap["data"]["DJANGO_MEDIA_ROOT"] == "/app/var/media"
