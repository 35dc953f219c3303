-- Operations (issue 11): the email queue gauges count FAILED and UNCERTAIN messages on every metrics refresh;
-- PENDING and SENDING already have partial indexes (V60), this one keeps the other two counts small too.
create index email_message_attention_idx on email_message (status) where status in ('FAILED', 'UNCERTAIN');
