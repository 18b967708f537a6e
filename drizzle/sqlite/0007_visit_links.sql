CREATE TABLE `visit_links` (
	`pk` integer PRIMARY KEY NOT NULL,
	`project` text DEFAULT 'default' NOT NULL,
	`session_pk` integer NOT NULL,
	`recording_pk` integer NOT NULL,
	`linked_by` text NOT NULL,
	`overlap_ms` integer,
	FOREIGN KEY (`session_pk`) REFERENCES `user_sessions`(`pk`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recording_pk`) REFERENCES `recordings`(`pk`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "visit_links_linked_by" CHECK("visit_links"."linked_by" IN ('property', 'overlap'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visit_links_session_recording` ON `visit_links` (`session_pk`,`recording_pk`);--> statement-breakpoint
CREATE INDEX `visit_links_recording_session` ON `visit_links` (`recording_pk`,`session_pk`);
--> statement-breakpoint
-- Written by hand: the links of the sessions and recordings already stored, by the default rule
-- (link property posthog_session_id, tolerance 60,000 ms; src/db/visit-links.ts). A store run
-- with other settings gets its links by those when the data is imported again.
insert into visit_links (project, session_pk, recording_pk, linked_by, overlap_ms)
select vs.project, vs.pk, vr.pk, max(pairs.kind),
	case
		when max(pairs.kind) = 'overlap' then (case when ((case when coalesce(vs.end_time, vs.start_time) < coalesce(vr.end_time, vr.start_time) then coalesce(vs.end_time, vs.start_time) else coalesce(vr.end_time, vr.start_time) end) - (case when vs.start_time > vr.start_time then vs.start_time else vr.start_time end)) > 0 then ((case when coalesce(vs.end_time, vs.start_time) < coalesce(vr.end_time, vr.start_time) then coalesce(vs.end_time, vs.start_time) else coalesce(vr.end_time, vr.start_time) end) - (case when vs.start_time > vr.start_time then vs.start_time else vr.start_time end)) else 0 end)
		when ((case when coalesce(vs.end_time, vs.start_time) < coalesce(vr.end_time, vr.start_time) then coalesce(vs.end_time, vs.start_time) else coalesce(vr.end_time, vr.start_time) end) - (case when vs.start_time > vr.start_time then vs.start_time else vr.start_time end)) > 0 then ((case when coalesce(vs.end_time, vs.start_time) < coalesce(vr.end_time, vr.start_time) then coalesce(vs.end_time, vs.start_time) else coalesce(vr.end_time, vr.start_time) end) - (case when vs.start_time > vr.start_time then vs.start_time else vr.start_time end))
	end
from (
	select vp.session_pk as session_pk, vr.pk as recording_pk, 'property' as kind
	from session_properties vp join recordings vr on vr.project = vp.project and vr.id = vp.string_value
	where vp.key = 'posthog_session_id' and vp.type = 'string'
	union all
	select vs.pk, vr.pk, 'overlap'
	from user_sessions vs
	join person_distinct_ids ds on ds.project = vs.project and ds.distinct_id = vs.user_id
	join person_distinct_ids dr on dr.person_pk = ds.person_pk
	join recordings vr on vr.project = dr.project and vr.distinct_id = dr.distinct_id
	where vs.start_time <= coalesce(vr.end_time, vr.start_time) + 60000
		and vr.start_time <= coalesce(vs.end_time, vs.start_time) + 60000
) pairs
join user_sessions vs on vs.pk = pairs.session_pk
join recordings vr on vr.pk = pairs.recording_pk
group by vs.pk, vr.pk;
