{{/*
Helpers of the optional features: group namespaces, NetworkPolicies, PodDisruptionBudgets, and the
bundled PostgreSQL/Keycloak with the gateway's connection settings that follow from them.
*/}}

{{/* ---- group namespaces ---- */}}

{{/*
Namespace of one `groups` item: its `namespace`, else "tessera-<name>", the gateway's rule
(gateway/src/main/java/io/tessera/gateway/group/Names.java NAMESPACE_PREFIX). Names are checked
here so that a typo fails the render with the rule, not the API server with a generic message.
Usage: {{ include "tessera.groupNamespace" $group }}
*/}}
{{- define "tessera.groupNamespace" -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$" (toString .name)) -}}
{{- fail (printf "groups: name %q must be a DNS label of at most 40 characters (a-z, 0-9, '-'), the gateway's group name rule" (toString .name)) -}}
{{- end -}}
{{- $ns := .namespace | default (printf "tessera-%s" .name) -}}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" $ns) -}}
{{- fail (printf "groups: namespace %q of group %s must be a DNS label (a-z, 0-9, '-', at most 63)" $ns .name) -}}
{{- end -}}
{{- $ns -}}
{{- end }}

{{/*
The namespaces of all groups, one per line; fails on two groups sharing a name or a namespace
(the gateway refuses a namespace that belongs to another group).
*/}}
{{- define "tessera.groupNamespaces" -}}
{{- $seen := dict -}}
{{- $names := dict -}}
{{- range .Values.groups -}}
{{- $ns := include "tessera.groupNamespace" . -}}
{{- if hasKey $names (toString .name) }}{{ fail (printf "groups: group %s is listed twice" .name) }}{{ end -}}
{{- if hasKey $seen $ns }}{{ fail (printf "groups: namespace %s is used by groups %s and %s; each group needs its own" $ns (get $seen $ns) .name) }}{{ end -}}
{{- $_ := set $seen $ns (toString .name) -}}
{{- $_ := set $names (toString .name) true -}}
{{ $ns }}
{{ end -}}
{{- end }}

{{/* Selector of the pods the operator creates (scheduler, worker, runner): ClusterLabels.java. */}}
{{- define "tessera.daskPodSelector" -}}
matchLabels:
  app.kubernetes.io/managed-by: tessera
{{- end }}

{{/*
"true" when group namespaces get a namespace-wide allow between their Tessera pods:
networkPolicy.groupSameNamespace always, or auto while the operator's per-cluster policies
(operator.networkPolicy.enabled, default on) are off.
*/}}
{{- define "tessera.groupSameNamespace" -}}
{{- $mode := .Values.networkPolicy.groupSameNamespace -}}
{{- $operatorPolicies := dig "networkPolicy" "enabled" true (.Values.operator | default dict) -}}
{{- if or (eq $mode "always") (and (eq $mode "auto") (not $operatorPolicies)) }}true{{ end -}}
{{- end }}

{{/* ---- PodDisruptionBudgets ---- */}}

{{/*
spec of a PodDisruptionBudget from {minAvailable, maxUnavailable}: minAvailable when set, else
maxUnavailable (a PDB may not carry both).
Usage: {{ include "tessera.pdbBudget" .Values.podDisruptionBudget.operator }}
*/}}
{{- define "tessera.pdbBudget" -}}
{{- if ne (toString .minAvailable) "" -}}
minAvailable: {{ .minAvailable }}
{{- else if ne (toString .maxUnavailable) "" -}}
maxUnavailable: {{ .maxUnavailable }}
{{- else -}}
{{- fail "podDisruptionBudget: set minAvailable or maxUnavailable, or turn the budget off with enabled: false" -}}
{{- end -}}
{{- end }}

{{/* ---- bundled PostgreSQL ---- */}}

{{- define "tessera.postgresql.fullname" -}}
{{- printf "%s-postgresql" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tessera.postgresql.labels" -}}
{{ include "tessera.labels" . }}
app.kubernetes.io/component: postgresql
{{- end }}

{{- define "tessera.postgresql.selectorLabels" -}}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/component: postgresql
{{- end }}

{{- define "tessera.postgresql.secret" -}}
{{- required "postgresql.auth.existingSecret is required with postgresql.enabled: create a Secret with the keys username and password (kubectl create secret generic tessera-postgresql --from-literal=username=tessera --from-literal=password=...); the chart never generates passwords" .Values.postgresql.auth.existingSecret }}
{{- end }}

{{/* ---- bundled Keycloak ---- */}}

{{- define "tessera.keycloak.fullname" -}}
{{- printf "%s-keycloak" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tessera.keycloak.labels" -}}
{{ include "tessera.labels" . }}
app.kubernetes.io/component: keycloak
{{- end }}

{{- define "tessera.keycloak.selectorLabels" -}}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/component: keycloak
{{- end }}

{{- define "tessera.keycloak.url" -}}
{{- $url := required "keycloak.url is required with keycloak.enabled: the public URL browsers use, e.g. https://tessera.example.org/auth" .Values.keycloak.url -}}
{{- if not (regexMatch "^https?://[^/]+(/.*)?$" $url) }}{{ fail (printf "keycloak.url %q must be an absolute http(s) URL, e.g. https://tessera.example.org/auth" $url) }}{{ end -}}
{{- trimSuffix "/" $url -}}
{{- end }}

{{/* Path Keycloak serves under (KC_HTTP_RELATIVE_PATH): the path of keycloak.url, "/" when none. */}}
{{- define "tessera.keycloak.relativePath" -}}
{{- (urlParse (include "tessera.keycloak.url" .)).path | default "/" -}}
{{- end }}

{{- define "tessera.keycloak.secret" -}}
{{- required "keycloak.auth.existingSecret is required with keycloak.enabled: create a Secret with the keys admin-username, admin-password and client-secret; the chart never generates secrets" .Values.keycloak.auth.existingSecret }}
{{- end }}

{{/* ---- the gateway's connections: bundled services when on, else the external values ---- */}}

{{- define "tessera.gateway.jdbcUrl" -}}
{{- if and .Values.postgresql.enabled (not .Values.gateway.postgresql.jdbcUrl) -}}
{{- printf "jdbc:postgresql://%s.%s.svc:5432/%s" (include "tessera.postgresql.fullname" .) .Release.Namespace .Values.postgresql.database -}}
{{- else -}}
{{- required "gateway.postgresql.jdbcUrl is required when the gateway is enabled (or turn on the bundled postgresql.enabled)" .Values.gateway.postgresql.jdbcUrl -}}
{{- end -}}
{{- end }}

{{/* Secret and keys of the gateway's database login: "<secret> <usernameKey> <passwordKey>". */}}
{{- define "tessera.gateway.postgresqlSecret" -}}
{{- if and .Values.postgresql.enabled (not .Values.gateway.postgresql.existingSecret) -}}
{{- include "tessera.postgresql.secret" . -}}
{{- else -}}
{{- required "gateway.postgresql.existingSecret is required when the gateway is enabled (or turn on the bundled postgresql.enabled)" .Values.gateway.postgresql.existingSecret -}}
{{- end -}}
{{- end }}

{{- define "tessera.gateway.postgresqlUsernameKey" -}}
{{- if and .Values.postgresql.enabled (not .Values.gateway.postgresql.existingSecret) }}{{ .Values.postgresql.auth.usernameKey }}{{ else }}{{ .Values.gateway.postgresql.usernameKey }}{{ end -}}
{{- end }}

{{- define "tessera.gateway.postgresqlPasswordKey" -}}
{{- if and .Values.postgresql.enabled (not .Values.gateway.postgresql.existingSecret) }}{{ .Values.postgresql.auth.passwordKey }}{{ else }}{{ .Values.gateway.postgresql.passwordKey }}{{ end -}}
{{- end }}

{{/*
The gateway reaches the bundled Keycloak through its Service (backchannel); Keycloak names its
public keycloak.url as issuer and in browser redirects (KC_HOSTNAME_BACKCHANNEL_DYNAMIC).
*/}}
{{- define "tessera.gateway.keycloakUrl" -}}
{{- if and .Values.keycloak.enabled (not .Values.gateway.keycloak.url) -}}
{{- printf "http://%s.%s.svc:8080%s" (include "tessera.keycloak.fullname" .) .Release.Namespace (include "tessera.keycloak.relativePath" . | trimSuffix "/") -}}
{{- else -}}
{{- required "gateway.keycloak.url is required when the gateway is enabled (or turn on the bundled keycloak.enabled)" .Values.gateway.keycloak.url -}}
{{- end -}}
{{- end }}

{{- define "tessera.gateway.keycloakSecret" -}}
{{- if and .Values.keycloak.enabled (not .Values.gateway.keycloak.existingSecret) -}}
{{- include "tessera.keycloak.secret" . -}}
{{- else -}}
{{- required "gateway.keycloak.existingSecret is required when the gateway is enabled (or turn on the bundled keycloak.enabled)" .Values.gateway.keycloak.existingSecret -}}
{{- end -}}
{{- end }}

{{- define "tessera.gateway.keycloakClientSecretKey" -}}
{{- if and .Values.keycloak.enabled (not .Values.gateway.keycloak.existingSecret) }}{{ .Values.keycloak.auth.clientSecretKey }}{{ else }}{{ .Values.gateway.keycloak.clientSecretKey }}{{ end -}}
{{- end }}

{{/* The restricted container settings with a writable root filesystem (Keycloak builds itself at start). */}}
{{- define "tessera.containerSecurityContextWritableRoot" -}}
{{- $sc := include "tessera.containerSecurityContext" . | fromYaml -}}
{{- $_ := set $sc "readOnlyRootFilesystem" false -}}
{{- toYaml $sc -}}
{{- end }}

{{/* ---- NetworkPolicy pieces ---- */}}

{{/* A peer: the namespaces of networkPolicy.<key> (a label map). Usage: include "tessera.np.namespacePeer" .Values.networkPolicy.monitoringNamespaceLabels */}}
{{- define "tessera.np.namespacePeer" -}}
- namespaceSelector:
    matchLabels:
      {{- toYaml . | nindent 6 }}
{{- end }}

{{/* A peer: pods of this release's given components in the release namespace. Usage: include "tessera.np.releasePeer" (dict "root" . "components" (list "operator" "gateway")) */}}
{{- define "tessera.np.releasePeer" -}}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .root.Release.Namespace }}
  podSelector:
    matchLabels:
      {{- include "tessera.selectorLabels" .root | nindent 6 }}
    matchExpressions:
      - {key: app.kubernetes.io/component, operator: In, values: [{{ join ", " .components }}]}
{{- end }}

{{/* Egress rules every restricted pod needs: the cluster DNS and the API server. */}}
{{- define "tessera.np.egressBase" -}}
{{- $eg := .Values.networkPolicy.egress -}}
- to:
    - namespaceSelector:
        matchLabels:
          {{- toYaml $eg.dnsNamespaceLabels | nindent 10 }}
      podSelector:
        matchLabels:
          {{- toYaml $eg.dnsPodLabels | nindent 10 }}
  ports:
    - {protocol: UDP, port: 53}
    - {protocol: TCP, port: 53}
{{- end }}

{{- define "tessera.np.egressApiServer" -}}
{{- $eg := .Values.networkPolicy.egress -}}
{{- if not $eg.apiServerCIDRs }}
{{- fail "networkPolicy.egress.apiServerCIDRs is required with networkPolicy.egress.enabled: the addresses of `kubectl get endpoints kubernetes -n default` as CIDRs, e.g. {10.0.0.10/32}" }}
{{- end }}
- to:
    {{- range $eg.apiServerCIDRs }}
    - ipBlock: {cidr: {{ . }}}
    {{- end }}
  ports:
    {{- range $eg.apiServerPorts }}
    - {protocol: TCP, port: {{ . }}}
    {{- end }}
{{- end }}

{{/* Egress to the Dask pods of every group namespace (gateway-created ones included): scheduler comm and HTTP. */}}
{{- define "tessera.np.egressDask" -}}
- to:
    - namespaceSelector:
        matchExpressions:
          - {key: tessera.io/group, operator: Exists}
      podSelector:
        {{- include "tessera.daskPodSelector" . | nindent 8 }}
  ports:
    - {protocol: TCP, port: 8786}
    - {protocol: TCP, port: 8787}
{{- end }}

{{- /*
The operator's environment settings (tessera.operator.environments.*) from operator.environments:
the ones with a default always, so that values.yaml is what the operator runs with; the optional
ones only when set (an empty variable would be an empty setting, not an unset one).
*/ -}}
{{- define "tessera.operator.environmentsEnv" -}}
{{- $env := .Values.operator.environments -}}
- name: TESSERA_OPERATOR_ENVIRONMENTS_CACHE_SIZE
  value: {{ $env.cacheSize | quote }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_ACCESS_MODE
  value: {{ $env.accessMode | quote }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_BUILD_TIMEOUT
  value: {{ $env.buildTimeout | quote }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_BUILD_CPU
  value: {{ $env.buildCpu | quote }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_BUILD_MEMORY
  value: {{ $env.buildMemory | quote }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_CONDA_ENABLED
  value: {{ $env.condaEnabled | quote }}
{{- with $env.storageClass }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_STORAGE_CLASS
  value: {{ . | quote }}
{{- end }}
{{- with $env.indexUrl }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_INDEX_URL
  value: {{ . | quote }}
{{- end }}
{{- with $env.extraIndexUrls }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_EXTRA_INDEX_URLS
  value: {{ join "," . | quote }}
{{- end }}
{{- if $env.caBundle.configMap }}
# The file of the ConfigMap volume environments-ca.
- name: TESSERA_OPERATOR_ENVIRONMENTS_CA_BUNDLE_FILE
  value: /etc/tessera/environments-ca/ca.crt
{{- end }}
{{- with $env.httpProxy }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_HTTP_PROXY
  value: {{ . | quote }}
{{- end }}
{{- with $env.httpsProxy }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_HTTPS_PROXY
  value: {{ . | quote }}
{{- end }}
{{- with $env.noProxy }}
- name: TESSERA_OPERATOR_ENVIRONMENTS_NO_PROXY
  value: {{ . | quote }}
{{- end }}
{{- end }}
