-- Credit notes are judged apart from invoices (issue 8): null until the next check of the client.
alter table peppol_registration add column can_receive_credit_notes boolean;
