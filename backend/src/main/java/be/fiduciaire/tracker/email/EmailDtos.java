package be.fiduciaire.tracker.email;

import be.fiduciaire.tracker.common.Codes;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import be.fiduciaire.tracker.portfolio.BulkEditDtos;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** API records of templates and sends, kept apart from the entities and tables. */
public final class EmailDtos {
    private EmailDtos() {}

    @Schema(name = "EmailTemplateVariant", description = "Qute source: {client.name}, {#if peppol.registered}…{/if}; the body is HTML")
    public record VariantDto(@Schema(required = true) String subject, @Schema(required = true) String body) {}

    @Schema(name = "EmailTemplate")
    public record TemplateView(@Schema(required = true) UUID id, @Schema(required = true) String key,
                               @Schema(required = true) EmailTemplate.Category category, @Schema(required = true) String name,
                               @Schema(required = true, description = "By language: fr, nl, en, de") Map<String, VariantDto> variants,
                               @Schema(required = true) long version,
                               @Schema(required = true) OffsetDateTime updatedAt) {}

    @Schema(name = "EmailTemplateInput", description = "Create: every property but version required. Patch: only the given ones change; "
            + "variants replaces the whole set of languages")
    public record TemplateInput(@Size(min = 1, max = 63) @Pattern(regexp = "[a-z][a-z0-9_]*", message = "lower-case letters, digits and _", payload = Codes.KeyFormat.class) String key,
                                EmailTemplate.Category category,
                                @Size(min = 1, max = 200) String name,
                                Map<String, VariantDto> variants,
                                @Schema(nullable = true, description = "The version being edited; a stale one is 409") Long version) {}

    @Schema(name = "EmailPreviewRequest")
    public record PreviewRequest(@NotNull @Schema(required = true) UUID clientId,
                                 @Schema(nullable = true, description = "Preview this unsaved variant instead of the stored ones (live preview while editing)")
                                 @Valid VariantDto variant,
                                 @Schema(nullable = true, description = "The language of the unsaved variant") @Size(max = 10) String language) {}

    @Schema(name = "EmailPreview", description = "Rendered for the client: body is HTML, text its plain-text alternative")
    public record Preview(@Schema(required = true) String language, @Schema(required = true) String subject,
                          @Schema(required = true) String body, @Schema(required = true) String text,
                          @Schema(nullable = true) String email) {}

    @Schema(name = "EmailPlaceholders")
    public record Placeholders(@Schema(required = true) List<String> standard,
                               @Schema(required = true, description = "client.custom.<key> for each custom field") List<String> custom) {}

    @Schema(name = "EmailSendRequest")
    public record SendRequest(@NotNull @Schema(required = true) UUID templateId,
                              @NotNull @Valid @Schema(required = true) BulkEditDtos.Selection selection,
                              @Schema(nullable = true, description = "Only count recipients and skipped clients; nothing is queued") Boolean dryRun,
                              @Valid @Schema(nullable = true, description = "Follow up by itself: the send becomes a campaign") FollowUpRule followUp) {
        public SendRequest(UUID templateId, BulkEditDtos.Selection selection, Boolean dryRun) {
            this(templateId, selection, dryRun, null);
        }
    }

    @Schema(name = "EmailFollowUpRule", description = "Re-send after afterDays days to the recipients still neither registered on Peppol nor "
            + "\"PEPPOL ready\", at most maxTimes times; a recipient found registered or ready drops out for good")
    public record FollowUpRule(@NotNull @Min(1) @Max(365) @Schema(required = true, minimum = "1", maximum = "365") Integer afterDays,
                               @NotNull @Min(1) @Max(10) @Schema(required = true, minimum = "1", maximum = "10") Integer maxTimes,
                               @Schema(nullable = true, description = "The follow-ups' template; null: the send's own (as it was sent)") UUID templateId) {}

    @Schema(name = "EmailSend")
    public record SendView(@Schema(required = true, nullable = true, description = "null for a dry run") UUID id,
                           @Schema(required = true) String status,
                           @Schema(required = true, nullable = true) UUID templateId, @Schema(required = true) String templateKey,
                           @Schema(required = true) String templateName,
                           @Schema(required = true) long total, @Schema(required = true) long pending, @Schema(required = true) long sent,
                           @Schema(required = true) long failed, @Schema(required = true) long skipped,
                           @Schema(required = true) long uncertain, @Schema(required = true) long cancelled,
                           @Schema(required = true, description = "Skipped clients by reason: email.missing, email.invalid, client.archived")
                           Map<String, Long> skippedReasons,
                           @Schema(nullable = true) String actorName,
                           @Schema(nullable = true) OffsetDateTime createdAt, @Schema(nullable = true) OffsetDateTime finishedAt,
                           @Schema(nullable = true, description = "The campaign's first send (null: no follow-up rule)") UUID campaignId,
                           @Schema(nullable = true, description = "0: the campaign's first send, n: its n-th follow-up") Integer campaignStep,
                           @Schema(nullable = true, description = "On a campaign's first send") FollowUpRule followUp) {}

    @Schema(name = "EmailCampaignStep")
    public record CampaignStep(@Schema(required = true) int step, @Schema(required = true) UUID sendId, @Schema(required = true) String status,
                               @Schema(required = true) String templateName, @Schema(required = true) OffsetDateTime createdAt,
                               @Schema(required = true) long total, @Schema(required = true) long sent, @Schema(required = true) long skipped) {}

    @Schema(name = "EmailCampaignDay", description = "One Belgian day: what happened that day, and the running totals (cumulative*)")
    public record CampaignDay(@Schema(required = true) java.time.LocalDate date,
                              @Schema(required = true, description = "Recipients whose first email of the campaign left that day") long informed,
                              @Schema(required = true, description = "Follow-up emails that left that day") long followUpsSent,
                              @Schema(required = true, description = "Recipients marked PEPPOL ready that day") long ready,
                              @Schema(required = true, description = "Recipients found registered on Peppol that day") long registered,
                              @Schema(required = true) long cumulativeInformed, @Schema(required = true) long cumulativeFollowUpsSent,
                              @Schema(required = true) long cumulativeReady, @Schema(required = true) long cumulativeRegistered) {}

    @Schema(name = "EmailCampaign", description = "A send and its follow-ups. status: RUNNING (a follow-up is still to come), FINISHED, CANCELLED")
    public record CampaignView(@Schema(required = true) UUID id, @Schema(required = true) String status,
                               @Schema(required = true) String templateName, @Schema(nullable = true) String actorName,
                               @Schema(required = true) OffsetDateTime startedAt,
                               @Schema(nullable = true) FollowUpRule followUp,
                               @Schema(nullable = true, description = "When the next follow-up is due (RUNNING only)") OffsetDateTime nextFollowUpAt,
                               @Schema(required = true, description = "Clients the first send was addressed to (not skipped)") long recipients,
                               @Schema(required = true) long informed, @Schema(required = true) long followUpsSent,
                               @Schema(required = true, description = "Recipients PEPPOL ready now") long ready,
                               @Schema(required = true, description = "Recipients registered on Peppol now") long registered,
                               @Schema(required = true, description = "Recipients neither ready nor registered now") long pending,
                               @Schema(required = true) List<CampaignStep> steps,
                               @Schema(required = true) List<CampaignDay> days) {}

    @Schema(name = "EmailCampaignRecipient", description = "state: REGISTERED, READY or PENDING (neither, still followed up while the campaign runs)")
    public record CampaignRecipient(@Schema(required = true) UUID clientId, @Schema(required = true) String clientName,
                                    @Schema(nullable = true) String reference, @Schema(required = true) String state,
                                    @Schema(required = true, description = "Emails of the campaign that left") long sent,
                                    @Schema(nullable = true) OffsetDateTime lastSentAt) {}

    @Schema(name = "EmailMessage", description = "status: PENDING, SENDING (in flight), SENT, SKIPPED, FAILED, UNCERTAIN, CANCELLED; "
            + "error: the SMTP error, or the reason a client was skipped")
    public record MessageView(@Schema(required = true) long id, @Schema(required = true) UUID sendId,
                              @Schema(required = true) UUID clientId, @Schema(nullable = true) String clientName,
                              @Schema(nullable = true) String email, @Schema(required = true) String status,
                              @Schema(nullable = true) String error, @Schema(required = true) int attempts,
                              @Schema(nullable = true) String subject, @Schema(nullable = true) OffsetDateTime sentAt,
                              @Schema(required = true) String templateKey, @Schema(required = true) String templateName,
                              @Schema(required = true) OffsetDateTime updatedAt) {}
}
