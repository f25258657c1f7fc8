BEGIN TRANSACTION;
CREATE TABLE agency (
	id INTEGER NOT NULL, 
	name VARCHAR(256) NOT NULL, 
	domains JSON NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "agency" VALUES(1,'Nordlys Digital','["nordlys.example"]');
CREATE TABLE audit_events (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	actor VARCHAR(320) NOT NULL, 
	action VARCHAR(64) NOT NULL, 
	object_type VARCHAR(32) NOT NULL, 
	object_id VARCHAR(998) NOT NULL, 
	detail JSON NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "audit_events" VALUES(1,'2026-12-07 06:33:11.887596','anna','draft.approved','draft','3','{"from": "pending"}');
CREATE TABLE clients (
	id VARCHAR(128) NOT NULL, 
	name VARCHAR(256) NOT NULL, 
	domains JSON NOT NULL, 
	contacts JSON NOT NULL, 
	account_manager VARCHAR(320) NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "clients" VALUES('bageriet','Bageriet Østerbro','["bageriet.example"]','["mette@bageriet.example"]','anna@nordlys.example','2026-12-07 06:33:11.877521');
CREATE TABLE corrections (
	id INTEGER NOT NULL, 
	message_pk INTEGER NOT NULL, 
	client_id VARCHAR(128), 
	label VARCHAR(32) NOT NULL, 
	red_flags JSON NOT NULL, 
	reason TEXT NOT NULL, 
	actor VARCHAR(320) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(message_pk) REFERENCES messages (id)
);
INSERT INTO "corrections" VALUES(1,2,'bageriet','in_scope','[]','agreed on the call','anna','2026-12-07 06:33:11.893362');
CREATE TABLE documents (
	id INTEGER NOT NULL, 
	collection VARCHAR(128) NOT NULL, 
	client_id VARCHAR(128) NOT NULL, 
	path TEXT NOT NULL, 
	origin VARCHAR(16) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	title TEXT NOT NULL, 
	date VARCHAR(32) NOT NULL, 
	content_hash VARCHAR(64) NOT NULL, 
	chunks INTEGER NOT NULL, 
	indexed_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (collection, client_id, path), 
	FOREIGN KEY(client_id) REFERENCES clients (id)
);
INSERT INTO "documents" VALUES(1,'knowledge','bageriet','docs/sow.md','workspace','scope','SOW','','0000000000000000000000000000000000000000000000000000000000000000',4,'2026-12-07 06:33:11.894306');
CREATE TABLE drafts (
	id INTEGER NOT NULL, 
	message_pk INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	to_addr VARCHAR(320) NOT NULL, 
	subject TEXT NOT NULL, 
	body TEXT NOT NULL, 
	language VARCHAR(16), 
	delivered_to TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (message_pk), 
	FOREIGN KEY(message_pk) REFERENCES messages (id)
);
INSERT INTO "drafts" VALUES(1,1,'pending','mette@bageriet.example','Re: Tak for rapporten','Hej Mette,

in_scope
','da',NULL,'2026-12-07 06:33:11.880563','2026-12-07 06:33:11.880568');
INSERT INTO "drafts" VALUES(2,2,'pending','mette@bageriet.example','Re: TikTok?','Hej Mette,

out_of_scope
','da',NULL,'2026-12-07 06:33:11.886423','2026-12-07 06:33:11.886425');
INSERT INTO "drafts" VALUES(3,3,'approved','mette@bageriet.example','Re: Faktura','Hej Mette,

red_flag
','da',NULL,'2026-12-07 06:33:11.895168','2026-12-07 06:33:11.895169');
CREATE TABLE messages (
	id INTEGER NOT NULL, 
	message_id VARCHAR(998) NOT NULL, 
	source_key VARCHAR(512) NOT NULL, 
	location TEXT NOT NULL, 
	sender_email VARCHAR(320) NOT NULL, 
	sender_name VARCHAR(512) NOT NULL, 
	subject TEXT NOT NULL, 
	date DATETIME, 
	new_text TEXT NOT NULL, 
	is_auto_reply BOOLEAN NOT NULL, 
	is_bounce BOOLEAN NOT NULL, 
	parsed JSON NOT NULL, 
	raw BLOB NOT NULL, 
	client_id VARCHAR(128), 
	client_match VARCHAR(16), 
	stored_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "messages" VALUES(1,'<m1@bageriet.example>','imap://anna@imap.nordlys.example/INBOX','1','mette@bageriet.example','Mette','Tak for rapporten','2026-11-01 09:00:00.000000','Tak, åbningsraten var 44 %.',0,0,'{"message_id": "<m1@bageriet.example>", "message_id_synthesised": false, "in_reply_to": null, "references": [], "subject": "Tak for rapporten", "sender": {"name": "Mette", "email": "mette@bageriet.example"}, "reply_to": [], "to": [], "cc": [], "date": null, "body_text": "", "body_was_html": false, "new_text": "Tak, \u00e5bningsraten var 44 %.", "quoted_text": "", "signature": "", "attachments": [], "is_auto_reply": false, "is_bounce": false, "defects": [], "quarantine_reason": null}',X'5375626A6563743A2054616B20666F7220726170706F7274656E0D0A0D0A54616B2C20C3A5626E696E6773726174656E2076617220343420252E0D0A','bageriet','contact','2026-12-07 06:33:11.878394');
INSERT INTO "messages" VALUES(2,'<m2@bageriet.example>','imap://anna@imap.nordlys.example/INBOX','2','mette@bageriet.example','Mette','TikTok?','2026-11-02 09:00:00.000000','Kan I også lave TikTok-videoer?',0,0,'{"message_id": "<m2@bageriet.example>", "message_id_synthesised": false, "in_reply_to": null, "references": [], "subject": "TikTok?", "sender": {"name": "Mette", "email": "mette@bageriet.example"}, "reply_to": [], "to": [], "cc": [], "date": null, "body_text": "", "body_was_html": false, "new_text": "Kan I ogs\u00e5 lave TikTok-videoer?", "quoted_text": "", "signature": "", "attachments": [], "is_auto_reply": false, "is_bounce": false, "defects": [], "quarantine_reason": null}',X'5375626A6563743A2054696B546F6B3F0D0A0D0A4B616E2049206F6773C3A5206C6176652054696B546F6B2D766964656F65723F0D0A','bageriet','contact','2026-12-07 06:33:11.880007');
INSERT INTO "messages" VALUES(3,'<m3@bageriet.example>','imap://anna@imap.nordlys.example/INBOX','3','mette@bageriet.example','Mette','Faktura','2026-11-03 09:00:00.000000','Vi betaler halvdelen nu og resten i juli.',0,0,'{"message_id": "<m3@bageriet.example>", "message_id_synthesised": false, "in_reply_to": null, "references": [], "subject": "Faktura", "sender": {"name": "Mette", "email": "mette@bageriet.example"}, "reply_to": [], "to": [], "cc": [], "date": null, "body_text": "", "body_was_html": false, "new_text": "Vi betaler halvdelen nu og resten i juli.", "quoted_text": "", "signature": "", "attachments": [], "is_auto_reply": false, "is_bounce": false, "defects": [], "quarantine_reason": null}',X'5375626A6563743A2046616B747572610D0A0D0A566920626574616C65722068616C7664656C656E206E75206F672072657374656E2069206A756C692E0D0A','bageriet','contact','2026-12-07 06:33:11.886257');
INSERT INTO "messages" VALUES(4,'<q1@x.example>','k','4','','','',NULL,'',0,0,'{"message_id": "<q1@x.example>", "message_id_synthesised": false, "in_reply_to": null, "references": [], "subject": "?", "sender": {"name": "", "email": ""}, "reply_to": [], "to": [], "cc": [], "date": null, "body_text": "", "body_was_html": false, "new_text": "", "quoted_text": "", "signature": "", "attachments": [], "is_auto_reply": false, "is_bounce": false, "defects": [], "quarantine_reason": "parser failed"}',X'FFFE',NULL,NULL,'2026-12-07 06:33:11.894819');
CREATE TABLE quarantine (
	message_pk INTEGER NOT NULL, 
	reason TEXT NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (message_pk), 
	FOREIGN KEY(message_pk) REFERENCES messages (id)
);
INSERT INTO "quarantine" VALUES(4,'parser failed: test','2026-12-07 06:33:11.895905');
CREATE TABLE sync_cursors (
	source_key VARCHAR(512) NOT NULL, 
	uidvalidity INTEGER NOT NULL, 
	last_uid INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (source_key)
);
INSERT INTO "sync_cursors" VALUES('imap://anna@imap.nordlys.example/INBOX',7,3,'2026-12-07 06:33:11.879075');
CREATE TABLE triage_results (
	id INTEGER NOT NULL, 
	message_pk INTEGER NOT NULL, 
	label VARCHAR(32) NOT NULL, 
	engine VARCHAR(64) NOT NULL, 
	confidence DOUBLE NOT NULL, 
	result JSON NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (message_pk), 
	FOREIGN KEY(message_pk) REFERENCES messages (id)
);
INSERT INTO "triage_results" VALUES(1,1,'in_scope','offline',0.8,'{"label": "in_scope"}','2026-12-07 06:33:11.885246');
INSERT INTO "triage_results" VALUES(2,2,'out_of_scope','offline',0.8,'{"label": "out_of_scope"}','2026-12-07 06:33:11.886509');
INSERT INTO "triage_results" VALUES(3,3,'red_flag','offline',0.8,'{"label": "red_flag"}','2026-12-07 06:33:11.895266');
CREATE INDEX ix_messages_sender_email ON messages (sender_email);
CREATE INDEX ix_messages_client_id ON messages (client_id);
CREATE UNIQUE INDEX ix_messages_message_id ON messages (message_id);
CREATE INDEX ix_audit_events_at ON audit_events (at);
CREATE INDEX ix_drafts_status ON drafts (status);
CREATE INDEX ix_corrections_message_pk ON corrections (message_pk);
CREATE INDEX ix_corrections_client_id ON corrections (client_id);
CREATE INDEX ix_documents_client_id ON documents (client_id);
COMMIT;
