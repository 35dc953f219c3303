package be.fiduciaire.tracker.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import be.fiduciaire.tracker.client.ClientDtos.ClientInput;
import be.fiduciaire.tracker.client.ClientDtos.HistoryEntry;
import be.fiduciaire.tracker.common.PageResult;
import be.fiduciaire.tracker.common.Paging;
import be.fiduciaire.tracker.common.Versions;
import be.fiduciaire.tracker.user.Permissions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The single-client endpoints (the list, stats, export and bulk edit live elsewhere under /api/clients). */
@Path("/clients")
@Tag(name = "Clients")
public class ClientResource {

    @Inject
    ClientService service;
    @Inject
    ClientDocumentService documents;

    @POST
    @RolesAllowed(Permissions.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a client; 201 with Location and the stored client")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ClientInput.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClientView.class)))
    public Response create(ClientInput body) {
        ClientView created = service.create(body);
        return Response.created(URI.create("/api/clients/" + created.id())).entity(created).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "One client (archived clients stay readable)")
    public ClientView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Permissions.WRITE)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a client (JSON merge patch: only the given properties change, address merged per property, "
            + "customFields merged per key, null clears); stale If-Match → 412, stale body version → 409")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ClientInput.class)))
    public ClientView update(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, ClientInput body) {
        return service.patch(id, body, Versions.fromIfMatch(ifMatch));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Archive a client (status ARCHIVED; nothing is deleted and the client stays readable)")
    public ClientView archive(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return service.archive(id, Versions.fromIfMatch(ifMatch));
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed(Permissions.READ)
    @Operation(summary = "The client's history, newest first: creation, field changes, Peppol status changes, emails")
    public PageResult<HistoryEntry> history(@PathParam("id") UUID id, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.history(id, Paging.of(page, size));
    }

    @PUT
    @Path("/{id}/documents/{fieldKey}")
    @RolesAllowed(Permissions.WRITE)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload the file of a DOCUMENT custom field (multipart part 'file'; PDF, PNG, JPEG, text, CSV, DOCX, XLSX; "
            + "size limit app.documents.max-size, 10 MB by default → 413)")
    @APIResponse(responseCode = "200", description = "The client with the document's {name, size, contentType, url}",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "413", description = "File too large",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public ClientView upload(@PathParam("id") UUID id, @PathParam("fieldKey") String fieldKey, @RestForm("file") FileUpload file) {
        return documents.upload(id, fieldKey, file == null ? null : file.fileName(), file == null ? null : file.contentType(),
                file == null ? null : file.uploadedFile());
    }

    @GET
    @Path("/{id}/documents/{fieldKey}")
    @RolesAllowed(Permissions.READ)
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download the file of a DOCUMENT custom field, as an attachment with its content type")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "*/*",
            schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    public Response download(@PathParam("id") UUID id, @PathParam("fieldKey") String fieldKey) {
        ClientDocumentService.StoredDocument doc = documents.download(id, fieldKey);
        String ascii = doc.name().replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_");
        return Response.ok(doc.data(), doc.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(doc.name(), StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @DELETE
    @Path("/{id}/documents/{fieldKey}")
    @RolesAllowed(Permissions.WRITE)
    @Operation(summary = "Remove the file of a DOCUMENT custom field (clears the value)")
    public ClientView deleteDocument(@PathParam("id") UUID id, @PathParam("fieldKey") String fieldKey) {
        return documents.delete(id, fieldKey);
    }
}
