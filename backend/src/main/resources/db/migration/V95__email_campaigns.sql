-- Campaigns (issue 12): a send can carry a follow-up rule. The first send is the campaign (campaign_id = its own id,
-- step 0); each follow-up is a send of its own with the next step number. unique (campaign_id, campaign_step) is what
-- makes two instances (or a restart) of the campaign job never create the same follow-up twice.
alter table email_send
    add column campaign_id           uuid references email_send (id) on delete cascade,
    add column campaign_step         int,
    add column follow_up_after_days  int check (follow_up_after_days between 1 and 365),
    add column follow_up_max_times   int check (follow_up_max_times between 1 and 10),
    add column follow_up_template_id uuid references email_template (id) on delete set null,
    add constraint email_send_campaign_step_ck check ((campaign_id is null) = (campaign_step is null));
create unique index email_send_campaign_step_uk on email_send (campaign_id, campaign_step) where campaign_id is not null;
-- the campaign job's look-up: the roots whose rule is still running
create index email_send_follow_up_idx on email_send (created_at) where follow_up_max_times is not null;
