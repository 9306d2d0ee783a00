{{/*
Names, labels and image references shared by every template.
Selectors (tessera.selectorLabels) never hold the chart or app version: a Deployment's selector is
immutable, so a label that changes on upgrade would make `helm upgrade` fail.
*/}}

{{/* The chart name, overridable with nameOverride. */}}
{{- define "tessera.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release-scoped base name: fullnameOverride, else the release name when it already holds the
chart name (release "tessera" gives "tessera", not "tessera-tessera"), else "<release>-<chart>".
*/}}
{{- define "tessera.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* "<chart>-<version>" for the helm.sh/chart label. */}}
{{- define "tessera.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object (recommended Kubernetes labels plus helm.sh/chart). */}}
{{- define "tessera.labels" -}}
helm.sh/chart: {{ include "tessera.chart" . }}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tessera
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Stable labels for selectors: name and instance only. */}}
{{- define "tessera.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tessera.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* ---- operator ---- */}}

{{/* Name of the operator's Deployment, ServiceAccount and cluster-scoped RBAC objects. */}}
{{- define "tessera.operator.fullname" -}}
{{- printf "%s-operator" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tessera.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create }}
{{- default (include "tessera.operator.fullname" .) .Values.operator.serviceAccount.name }}
{{- else }}
{{- required "operator.serviceAccount.name is required when operator.serviceAccount.create is false" .Values.operator.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tessera.operator.labels" -}}
{{ include "tessera.labels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "tessera.operator.selectorLabels" -}}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/component: operator
{{- end }}

{{/* ---- images ---- */}}

{{/*
One image reference from {registry, repository, tag, digest}. global.imageRegistry, when set,
replaces every image's registry, so an air-gapped install mirrors images and sets one value.
A digest, when given, pins the image and wins over the tag.
Usage: {{ include "tessera.image" (dict "image" .Values.operator.image "root" .) }}
*/}}
{{- define "tessera.image" -}}
{{- $registry := .root.Values.global.imageRegistry | default .image.registry -}}
{{- $ref := .image.repository -}}
{{- if $registry }}{{ $ref = printf "%s/%s" (trimSuffix "/" $registry) $ref }}{{ end -}}
{{- if .image.digest -}}
{{- printf "%s@%s" $ref .image.digest -}}
{{- else -}}
{{- printf "%s:%s" $ref (.image.tag | default .root.Chart.AppVersion) -}}
{{- end -}}
{{- end }}

{{/* imagePullSecrets from global.imagePullSecrets (names), for every pod of the chart; empty when none. */}}
{{- define "tessera.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/* The restricted Pod Security container settings, shared by every container of the chart. */}}
{{- define "tessera.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* ---- gateway ---- */}}

{{/* Name of the gateway's Deployment, ServiceAccount, API Service and cluster-scoped RBAC objects. */}}
{{- define "tessera.gateway.fullname" -}}
{{- printf "%s-gateway" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Service in front of the webhook listener; its DNS names go into the gateway's certificate. */}}
{{- define "tessera.gateway.webhookServiceName" -}}
{{- printf "%s-gateway-webhook" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The Secret the gateway creates for its webhook CA and certificate (never rendered by the chart). */}}
{{- define "tessera.gateway.webhookSecretName" -}}
{{- printf "%s-gateway-webhook-tls" (include "tessera.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tessera.gateway.serviceAccountName" -}}
{{- if .Values.gateway.serviceAccount.create }}
{{- default (include "tessera.gateway.fullname" .) .Values.gateway.serviceAccount.name }}
{{- else }}
{{- required "gateway.serviceAccount.name is required when gateway.serviceAccount.create is false" .Values.gateway.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "tessera.gateway.labels" -}}
{{ include "tessera.labels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{- define "tessera.gateway.selectorLabels" -}}
{{ include "tessera.selectorLabels" . }}
app.kubernetes.io/component: gateway
{{- end }}

{{/*
The external services the gateway cannot run without, checked all at once: the error lists every
missing value and the way out, instead of failing on the first `required` of the Deployment.
*/}}
{{- define "tessera.gateway.requireExternalServices" -}}
{{- $gw := .Values.gateway -}}
{{- $missing := list -}}
{{- /* The bundled instances (postgresql.enabled, keycloak.enabled) stand in for unset values. */ -}}
{{- if not .Values.postgresql.enabled }}
{{- range $key, $value := dict "gateway.postgresql.jdbcUrl" $gw.postgresql.jdbcUrl "gateway.postgresql.existingSecret" $gw.postgresql.existingSecret }}
{{- if not $value }}{{ $missing = append $missing $key }}{{ end }}
{{- end }}
{{- end }}
{{- if not .Values.keycloak.enabled }}
{{- range $key, $value := dict "gateway.keycloak.url" $gw.keycloak.url "gateway.keycloak.existingSecret" $gw.keycloak.existingSecret }}
{{- if not $value }}{{ $missing = append $missing $key }}{{ end }}
{{- end }}
{{- end }}
{{- if $missing }}
{{- fail (printf "the gateway (gateway.enabled, on by default) needs its PostgreSQL and Keycloak; set %s (see the chart README, \"Gateway\"), or turn on the bundled postgresql.enabled/keycloak.enabled for a small install, or gateway.enabled=false to install without the gateway" (join ", " (sortAlpha $missing))) }}
{{- end }}
{{- end }}
