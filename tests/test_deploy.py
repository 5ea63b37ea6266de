"""The compose file and the Kubernetes manifests describe services that exist in the code."""
from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from services.cli import main
from tests.conftest import ROOT

COMMANDS = {"api", "worker", "notifier", "beat", "fetcher", "migrate", "run", "extract", "export", "examples", "sources"}


def test_compose_services_and_commands_exist():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "migrate", "api", "worker", "notifier", "beat", "fetcher"} <= set(services)
    for name in ("postgres", "redis"):
        assert "healthcheck" in services[name]
    for name in ("api", "worker", "notifier", "beat", "fetcher", "migrate"):
        command = services[name]["command"]
        command = command.split() if isinstance(command, str) else command
        assert command[0] == "fundwatch" and command[1] in COMMANDS, command
    assert services["api"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_every_documented_command_parses():
    for command in sorted(COMMANDS):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0


def test_kustomize_renders():
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed; the kustomize rendering check needs it")
    out = subprocess.run([kubectl, "kustomize", str(ROOT / "deploy")], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    docs = [d for d in yaml.safe_load_all(out.stdout) if d]
    kinds = {(d["kind"], d["metadata"]["name"]) for d in docs}
    for expected in [("Deployment", "fundwatch-api"), ("Service", "fundwatch-api"), ("Deployment", "fundwatch-worker"),
                     ("HorizontalPodAutoscaler", "fundwatch-worker"), ("Deployment", "fundwatch-notifier"),
                     ("Deployment", "fundwatch-beat"),
                     ("Deployment", "fundwatch-fetcher"), ("Job", "fundwatch-migrate"),
                     ("ConfigMap", "fundwatch-config")]:
        assert expected in kinds, expected


def test_monitoring_is_provisioned_with_metrics_the_api_serves(db):
    import json
    import re

    from fastapi.testclient import TestClient

    from services.api.app import app

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert {"prometheus", "grafana"} <= set(compose)
    for volume in compose["prometheus"]["volumes"] + compose["grafana"]["volumes"]:
        assert (ROOT / volume.split(":")[0]).exists(), volume
    scrape = yaml.safe_load((ROOT / "deploy/monitoring/prometheus.yml").read_text())
    assert scrape["scrape_configs"][0]["static_configs"][0]["targets"] == ["api:8000"]
    dashboard = json.loads((ROOT / "deploy/monitoring/grafana/dashboards/fundwatch.json").read_text())
    # the metric families the API declares (a family with no samples yet still has its TYPE line)
    served = {line.split()[2] for line in TestClient(app).get("/metrics").text.splitlines()
              if line.startswith("# TYPE ")}
    assert {"fundwatch_fetch_requests_total", "fundwatch_api_request_seconds"} <= served   # what it reads is real
    on_dashboard = set()
    for panel in dashboard["panels"]:
        assert panel["targets"], panel["title"]
        for target in panel["targets"]:
            names = set(re.findall(r"fundwatch_[a-z_]+", target["expr"]))
            # a series of a family: a counter's _total is its TYPE name; a histogram's or summary's
            # _bucket, _sum and _count belong to the family named without them
            assert names and all(n in served or re.sub(r"_(bucket|sum|count)$", "", n) in served for n in names), \
                (panel["title"], names)
            on_dashboard |= names
    # the operators' figures of issue 16: fetching and the API's latency are on the dashboard
    for name in ("fundwatch_fetch_requests_total", "fundwatch_fetch_not_modified_total", "fundwatch_fetch_bytes_total",
                 "fundwatch_robots_refusals_total", "fundwatch_fetch_host_wait_seconds_total",
                 "fundwatch_api_request_seconds_bucket"):
        assert name in on_dashboard, name
