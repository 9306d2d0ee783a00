package io.tessera.gateway.report;

import io.tessera.gateway.identity.GroupAccess;
import io.tessera.gateway.identity.Roles;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.tessera.gateway.rest.ErrorBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Monthly usage reports (core-hours, memory GiB-hours, GPU-hours; calendar months in UTC) as JSON
 * or CSV: {@code ?format=csv|json} or the Accept header. Thin: parses the request, checks access,
 * asks {@link ReportService}.
 */
@Path("/api/admin/v1/reports/usage")
@Produces({MediaType.APPLICATION_JSON, ReportRequest.CSV})
@Tag(name = "reports", description = "Monthly usage reports per group, per user and platform-wide")
@APIResponse(responseCode = "400", description = "Bad month or format",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@APIResponse(responseCode = "401", description = "Not authenticated")
@APIResponse(responseCode = "403", description = "Not allowed to read this report")
public class UsageReportResource {

    @Inject
    ReportService reports;

    @Inject
    GroupAccess access;

    @Inject
    SecurityIdentity caller;

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "Every group's usage in the month, with its budget (platform admins)")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageReports.Platform.class)),
        @Content(mediaType = ReportRequest.CSV, schema = @Schema(type = SchemaType.STRING,
                example = "month,group,core_hours,memory_gib_hours,gpu_hours,core_hours_budget,gpu_hours_budget"))})
    public Response platform(@QueryParam("month") @Parameter(description = "YYYY-MM, default: this month") String month,
                             @QueryParam("format") @Parameter(description = "csv or json") String format,
                             @Context HttpHeaders headers) {
        return respond(reports.platform(month(month)), ReportCsv::of, format, headers, "usage-" + month(month));
    }

    @GET
    @Path("/groups/{group}")
    @Authenticated
    @Operation(summary = "A group's usage in the month, per user (platform admins and the group's admins)")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageReports.Group.class)),
        @Content(mediaType = ReportRequest.CSV, schema = @Schema(type = SchemaType.STRING,
                example = "month,group,user,core_hours,memory_gib_hours,gpu_hours"))})
    @APIResponse(responseCode = "404", description = "No such group",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response group(@PathParam("group") String group, @QueryParam("month") String month,
                          @QueryParam("format") String format, @Context HttpHeaders headers) {
        access.requireAdministrator(caller, group, "read its usage report");
        return respond(reports.group(group, month(month)), ReportCsv::of, format, headers,
                "usage-" + group + "-" + month(month));
    }

    @GET
    @Path("/users/{username}")
    @Authenticated
    @Operation(summary = "A user's usage in the month, per group (platform admins and the user)")
    @APIResponse(responseCode = "200", description = "The report", content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = UsageReports.User.class)),
        @Content(mediaType = ReportRequest.CSV, schema = @Schema(type = SchemaType.STRING,
                example = "month,user,group,core_hours,memory_gib_hours,gpu_hours"))})
    @APIResponse(responseCode = "404", description = "No such user",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public Response user(@PathParam("username") String username, @QueryParam("month") String month,
                         @QueryParam("format") String format, @Context HttpHeaders headers) {
        access.requireSelfOrPlatformAdmin(caller, username, "read this usage report");
        return respond(reports.user(username, month(month)), ReportCsv::of, format, headers,
                "usage-user-" + username + "-" + month(month));
    }

    private YearMonth month(String month) {
        return ReportRequest.month(month, reports.currentMonth());
    }

    private static <T> Response respond(T report, Function<T, String> csv, String format, HttpHeaders headers,
                                        String fileName) {
        String type = ReportRequest.mediaType(format, headers.getAcceptableMediaTypes());
        if (ReportRequest.CSV.equals(type)) {
            return Response.ok(csv.apply(report), ReportRequest.CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"").build();
        }
        return Response.ok(report, MediaType.APPLICATION_JSON).build();
    }
}
