#!/usr/bin/env python3
"""Checks of the GitOps manifests that need no cluster, and the extraction of chart values.
Used by gitops/test.sh; each subcommand reads the kustomize renders test.sh wrote.

  checks.py static REPO RENDER_DIR HELM_DIR consistency checks of the rendered entry points (and of
                                            the chart renders helm-cases' arguments produced)
  checks.py helm-cases REPO RENDER_DIR OUT  one helm-template case per Argo CD Application /
                                            Flux HelmRelease that installs the chart
  checks.py namespaces FILE...              namespaces the objects of FILE... live in
  checks.py break-tenant IN OUT             a copy of a tenants render with an invalid ArrayCluster

A render file is named after its kustomization directory, '/' replaced by '__'
(environments__on-prem__argocd.yaml). Exit status 1 with one line per problem.
"""
import fnmatch
import os
import sys

import yaml

PLACEHOLDERS = ("REPOSITORY", "REVISION", "ENVIRONMENT")
GROUP_LABEL = "tessera.io/group"
MANAGED_BY = ("app.kubernetes.io/managed-by", "tessera-gateway")


def load(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]


def renders(render_dir):
    """{kustomization directory relative to gitops/: [objects]}"""
    out = {}
    for name in sorted(os.listdir(render_dir)):
        if name.endswith(".yaml"):
            out[name[:-5].replace("__", "/")] = load(os.path.join(render_dir, name))
    return out


def of_kind(objs, kind):
    return [o for o in objs if o.get("kind") == kind]


def name(o):
    m = o["metadata"]
    return f'{o["kind"]} {m.get("namespace", "") + "/" if m.get("namespace") else ""}{m["name"]}'


def environments(repo):
    return sorted(os.listdir(os.path.join(repo, "gitops", "environments")))


def chart_sources(app):
    """The sources of an Argo CD Application (single- or multi-source)."""
    spec = app["spec"]
    return spec.get("sources") or [spec["source"]]


# -- static ---------------------------------------------------------------------------------------
def static(repo, render_dir, helm_dir):
    problems = []
    rs = renders(render_dir)
    with open(os.path.join(repo, "gitops", "repository", "repository.yaml")) as f:
        repository = yaml.safe_load(f)["data"]
    url, revision = repository["url"], repository["revision"]
    checked = 0

    def exists(path, what):
        nonlocal checked
        checked += 1
        if not os.path.exists(os.path.join(repo, path)):
            problems.append(f"{what}: path {path} does not exist in the repository")

    for env in environments(repo):
        base = f"environments/{env}"
        needed = [f"{base}/argocd", f"{base}/argocd/bootstrap", f"{base}/flux", f"{base}/flux/platform",
                  f"{base}/platform", f"{base}/tenants"]
        for k in needed:
            if k not in rs:
                problems.append(f"environment {env}: no kustomization {k}")
        if any(k not in rs for k in needed):
            continue
        # Entry points: every placeholder replaced, every repository reference the one URL.
        for k in needed:
            text = yaml.safe_dump_all(rs[k])
            for p in PLACEHOLDERS:
                if p in text:
                    problems.append(f"{k}: placeholder {p} left in the render")
        apps = of_kind(rs[f"{base}/argocd"] + rs[f"{base}/argocd/bootstrap"], "Application")
        projects = {p["metadata"]["name"]: p for p in of_kind(rs[f"{base}/argocd"] + rs[f"{base}/argocd/bootstrap"], "AppProject")}
        for app in apps:
            for src in chart_sources(app):
                checked += 1
                if src["repoURL"] != url or src["targetRevision"] != revision:
                    problems.append(f"{base}: {name(app)} reads {src['repoURL']}@{src['targetRevision']}, not {url}@{revision}")
                exists(src["path"], name(app))
                for vf in src.get("helm", {}).get("valueFiles", []):
                    exists(os.path.normpath(os.path.join(src["path"], vf)), f"{name(app)} valueFile")
            project = projects.get(app["spec"]["project"])
            if project is None:
                problems.append(f"{base}: {name(app)} uses project {app['spec']['project']}, which no AppProject of the environment defines")
            elif project["spec"]["sourceRepos"] != [url]:
                problems.append(f"{base}: AppProject {project['metadata']['name']} sourceRepos {project['spec']['sourceRepos']} is not [{url}]")
        # Argo CD order: the tenants sync after the platform (sync waves of the child Applications).
        by_name = {a["metadata"]["name"]: a for a in apps}
        wave = lambda a: int(a["metadata"].get("annotations", {}).get("argocd.argoproj.io/sync-wave", "0"))
        if {"tessera-platform", "tessera-tenants"} <= by_name.keys():
            checked += 1
            if not wave(by_name["tessera-tenants"]) > wave(by_name["tessera-platform"]):
                problems.append(f"{base}/argocd: tessera-tenants does not sync in a later wave than tessera-platform")
        else:
            problems.append(f"{base}/argocd: Applications tessera-platform and tessera-tenants expected, found {sorted(by_name)}")
        # Flux: one GitRepository with the URL; paths exist; tenants depend on a waiting platform.
        flux = rs[f"{base}/flux"]
        for repo_obj in of_kind(flux, "GitRepository"):
            checked += 1
            if repo_obj["spec"]["url"] != url or repo_obj["spec"]["ref"].get("branch") != revision:
                problems.append(f"{base}/flux: {name(repo_obj)} is not {url}@{revision}")
        ks = {k_["metadata"]["name"]: k_ for k_ in of_kind(flux, "Kustomization")}
        for k_ in ks.values():
            exists(k_["spec"]["path"], name(k_))
        if {"tessera-platform", "tessera-tenants"} <= ks.keys():
            checked += 1
            deps = [d["name"] for d in ks["tessera-tenants"]["spec"].get("dependsOn", [])]
            if "tessera-platform" not in deps or not ks["tessera-platform"]["spec"].get("wait"):
                problems.append(f"{base}/flux: tessera-tenants must dependsOn tessera-platform, which must wait for its objects")
        else:
            problems.append(f"{base}/flux: Kustomizations tessera-platform and tessera-tenants expected, found {sorted(ks)}")
        for hr in of_kind(rs[f"{base}/flux/platform"], "HelmRelease"):
            spec = hr["spec"]["chart"]["spec"]
            exists(spec["chart"], name(hr))
            for vf in spec.get("valuesFiles", []):
                exists(vf, f"{name(hr)} valuesFile")
        # What the projects allow covers what the Applications deploy.
        chart = os.path.join(helm_dir, f"argocd__{env}__tessera-platform.yaml")
        if not os.path.exists(chart):
            problems.append(f"{base}: no chart render of Application tessera-platform to check its project against")
        platform = rs[f"{base}/platform"] + (load(chart) if os.path.exists(chart) else [])
        checked += project_allows(problems, projects.get("tessera-platform"), platform, f"{base}/platform + chart")
        checked += project_allows(problems, projects.get("tessera-tenants"), rs[f"{base}/tenants"], f"{base}/tenants")
        checked += tenants(problems, rs[f"{base}/tenants"], f"{base}/tenants")

    # The repository URL is spelled in one file only (README examples aside).
    for root, _, files in os.walk(os.path.join(repo, "gitops")):
        for f in files:
            path = os.path.join(root, f)
            rel = os.path.relpath(path, repo)
            if rel in ("gitops/repository/repository.yaml", "gitops/README.md"):
                continue
            with open(path, errors="replace") as fh:
                if url in fh.read():
                    problems.append(f"{rel} spells the repository URL; only gitops/repository/repository.yaml may")
    return checked, problems


def project_allows(problems, project, objs, where):
    """Every object of a render is allowed by the AppProject that deploys it (kind and namespace)."""
    if project is None:
        problems.append(f"{where}: no AppProject to check against")
        return 0
    spec = project["spec"]
    allowed_cluster = {(r["group"], r["kind"]) for r in spec.get("clusterResourceWhitelist") or []}
    allowed_ns = {(r["group"], r["kind"]) for r in spec.get("namespaceResourceWhitelist") or []}
    allow = [d["namespace"] for d in spec["destinations"] if not d["namespace"].startswith("!")]
    deny = [d["namespace"][1:] for d in spec["destinations"] if d["namespace"].startswith("!")]
    for o in objs:
        gk = (o["apiVersion"].rpartition("/")[0], o["kind"])
        ns = o["metadata"].get("namespace")
        if ns is None:
            if gk not in allowed_cluster:
                problems.append(f"{where}: {name(o)}: AppProject {project['metadata']['name']} does not allow cluster-scoped {gk}")
        else:
            if gk not in allowed_ns:
                problems.append(f"{where}: {name(o)}: AppProject {project['metadata']['name']} does not allow {gk}")
            if any(fnmatch.fnmatch(ns, d) for d in deny) or not any(fnmatch.fnmatch(ns, a) for a in allow):
                problems.append(f"{where}: {name(o)}: AppProject {project['metadata']['name']} does not allow namespace {ns}")
    return len(objs)


def tenants(problems, objs, where):
    """Group namespaces are labelled as the gateway labels its own; objects carry their group."""
    groups = {}
    for ns in of_kind(objs, "Namespace"):
        labels = ns["metadata"].get("labels", {})
        group = labels.get(GROUP_LABEL)
        if not group or labels.get(MANAGED_BY[0]) != MANAGED_BY[1]:
            problems.append(f"{where}: {name(ns)} lacks the labels {GROUP_LABEL}=<group>, {MANAGED_BY[0]}={MANAGED_BY[1]}")
        groups[ns["metadata"]["name"]] = group
    for o in objs:
        if not o["apiVersion"].startswith("tessera.io/"):
            continue
        ns = o["metadata"].get("namespace")
        if ns not in groups:
            problems.append(f"{where}: {name(o)} is not in a group namespace of the tenants")
        elif o["metadata"].get("labels", {}).get(GROUP_LABEL, groups[ns]) != groups[ns]:
            problems.append(f"{where}: {name(o)} is labelled for group {o['metadata']['labels'][GROUP_LABEL]} in the namespace of group {groups[ns]}")
    return len(objs)


# -- helm-cases -----------------------------------------------------------------------------------
def helm_cases(repo, render_dir, out_dir):
    """Writes <case>.args (one helm argument per line) for every chart install found in the renders:
    Argo CD Application sources with a Chart.yaml at their path (valueFiles relative to the chart,
    values / valuesObject inline) and Flux HelmReleases (valuesFiles relative to the repository,
    spec.values inline). Only what the object carries is passed, nothing else."""
    cases = 0
    for k, objs in renders(render_dir).items():
        if not k.startswith("environments/"):
            continue   # bases still hold placeholders; their environments are the real thing
        for o in objs:
            if o.get("kind") == "Application":
                for src in chart_sources(o):
                    chart = os.path.join(repo, src["path"])
                    if not os.path.exists(os.path.join(chart, "Chart.yaml")):
                        continue
                    helm = src.get("helm", {})
                    args = [helm.get("releaseName", o["metadata"]["name"]), chart,
                            "--namespace", o["spec"]["destination"]["namespace"]]
                    for vf in helm.get("valueFiles", []):
                        args += ["-f", os.path.normpath(os.path.join(chart, vf))]
                    inline = [yaml.safe_load(helm["values"])] if helm.get("values") else []
                    inline += [helm["valuesObject"]] if helm.get("valuesObject") else []
                    if helm.get("parameters"):
                        sys.exit(f"{k}: {name(o)}: helm.parameters are not extracted yet; use valueFiles")
                    cases += write_case(out_dir, f"argocd__{k.split('/')[1]}__{o['metadata']['name']}", args, inline)
            elif o.get("kind") == "HelmRelease":
                spec = o["spec"]
                if spec.get("valuesFrom"):
                    sys.exit(f"{k}: {name(o)}: valuesFrom is not extracted yet; use chart.spec.valuesFiles")
                chart = os.path.join(repo, spec["chart"]["spec"]["chart"])
                args = [spec.get("releaseName", o["metadata"]["name"]), os.path.normpath(chart),
                        "--namespace", spec.get("targetNamespace", o["metadata"]["namespace"])]
                for vf in spec["chart"]["spec"].get("valuesFiles", []):
                    args += ["-f", os.path.normpath(os.path.join(repo, vf))]
                cases += write_case(out_dir, f"flux__{k.split('/')[1]}__{o['metadata']['name']}", args,
                                    [spec["values"]] if spec.get("values") else [])
    if cases == 0:
        sys.exit("no Application or HelmRelease installing a chart found in the environments' renders")
    print(cases)


def write_case(out_dir, case, args, inline):
    for i, values in enumerate(inline):
        path = os.path.join(out_dir, f"{case}.inline{i}.yaml")
        with open(path, "w") as f:
            yaml.safe_dump(values, f)
        args += ["-f", path]
    with open(os.path.join(out_dir, f"{case}.args"), "w") as f:
        f.write("\n".join(args) + "\n")
    return 1


# -- namespaces, break-tenant ---------------------------------------------------------------------
def namespaces(files):
    found = set()
    for path in files:
        for o in load(path):
            ns = o["metadata"].get("namespace")
            if ns:
                found.add(ns)
    print("\n".join(sorted(found)))


def break_tenant(src, dst):
    """An ArrayCluster whose minReplicas exceeds maxReplicas: the CRD's CEL rule must refuse it."""
    objs = load(src)
    clusters = of_kind(objs, "ArrayCluster")
    if not clusters:
        sys.exit(f"{src}: no ArrayCluster to break")
    worker = clusters[0]["spec"].setdefault("worker", {})
    worker["maxReplicas"] = 2
    worker["minReplicas"] = 3
    with open(dst, "w") as f:
        yaml.safe_dump_all(objs, f)
    print(name(clusters[0]))


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd, args = argv[1], argv[2:]
    if cmd == "static":
        checked, problems = static(*args)
        for p in problems:
            print(p)
        print(f"{checked} references and objects checked", file=sys.stderr)
        return 1 if problems else 0
    if cmd == "helm-cases":
        helm_cases(*args)
    elif cmd == "namespaces":
        namespaces(args)
    elif cmd == "break-tenant":
        break_tenant(*args)
    else:
        sys.exit(f"unknown subcommand {cmd} (try --help)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
