"""Texts of the scope documents and call notes of the Halcyon Growth hold-out set.

Everything here is fictional (companies, people, addresses, numbers). Markdown and TXT
documents are written as they are; the PDF and DOCX documents are rendered by
make_holdout.py from the small markup used below:

    # Title            ## Heading          - 2.1 Clause text (one clause per line)
    | Key | Value      (a two-column metadata table)     anything else: a paragraph
"""

# ---------------------------------------------------------------------------------------
# Fjeldkraft Energi AS: Norwegian hydropower utility, B2C site; web development retainer
# ---------------------------------------------------------------------------------------

FJELDKRAFT_SOW_DOCX = """\
# Forvaltningsavtale 2026: drift og feilretting av fjeldkraft.example
| Kunde | Fjeldkraft Energi AS, Voss (fiktivt selskap), vannkraftprodusent og strømleverandør til privatkunder
| Byrå | Halcyon Growth
| Dato | 12. januar 2026
| Avtaleperiode | 1. februar 2026 – 31. januar 2027, deretter løpende med 3 måneders gjensidig oppsigelse
| Kontaktpersoner hos kunden | Silje Nygård (digitalsjef), Thomas Berge (markedsdirektør)
| Kontoansvarlig | Eirik Haugland, eirik.haugland@halcyon-growth.example
## 1. Formål
- 1.1 Holde fjeldkraft.example stabilt, sikkert og oppdatert for privatkundene, med minst 99,5 % oppetid per måned.
- 1.2 Rette feil i eksisterende funksjonalitet raskt og forutsigbart, innenfor en fast månedlig timeramme.
## 2. Leveranser
- 2.1 Feilretting i eksisterende funksjonalitet på fjeldkraft.example: avtalevelgeren, spotprisvisningen, bestillingsskjemaet «Bestill strømavtale», flytteskjemaet, artikkel- og kampanjemalene og kontaktskjemaet.
- 2.2 10 utviklertimer per måned til feilretting og mindre justeringer av eksisterende funksjonalitet, for eksempel å endre en knappetekst, endre et felt i et eksisterende skjema eller justere en eksisterende komponent. Timene føres i halvtimer. Ubrukte timer overføres ikke til neste måned.
- 2.3 Hosting og drift på Halcyon Growths administrerte skyplattform: SSL-sertifikater, daglig sikkerhetskopi som lagres i 30 dager, oppetidsovervåking døgnet rundt og gjenoppretting ved nedetid.
- 2.4 Sikkerhetsoppdateringer av publiseringsløsningen, rammeverk og utvidelser én gang i måneden (andre tirsdag i måneden), og straks ved kritiske sårbarheter.
- 2.5 Kvartalsvis sikkerhets- og ytelsesgjennomgang: sårbarhetsskanning av hele nettstedet, måling av lastetider (Core Web Vitals) for alle sidemaler og en skriftlig rapport med anbefalte tiltak. Gjennomgangen inngår i fastprisen og trekkes ikke fra timene i punkt 2.2.
- 2.6 Alle endringer testes i testmiljøet og settes i produksjon i faste vinduer tirsdag og torsdag kl. 10.00–12.00. Rettinger av kritiske feil (punkt 4.4) kan settes i produksjon når som helst.
- 2.7 Hver retting eller justering har inntil 2 tilbakemeldingsrunder i testmiljøet før den regnes som godkjent.
- 2.8 Månedlig driftsrapport innen 5. virkedag: oppetid, rettede feil, brukte timer og planlagte oppdateringer.
## 3. Ikke inkludert
- 3.1 Nye funksjoner, nye sider, nye maler og nye skjemaer, for eksempel en ny strømkalkulator, chatbot eller livechat, ny innlogging eller nye kampanjesider.
- 3.2 Redesign, ny visuell profil og endringer i navigasjon eller informasjonsarkitektur.
- 3.3 Innholdsarbeid: skriving, oversettelse og publisering av tekster og bilder i publiseringsløsningen. Fjeldkraft publiserer selv.
- 3.4 Feil og endringer i kundeportalen «Min side», som leveres og driftes av Kraftdata AS. Halcyon Growth vedlikeholder bare lenken til portalen.
- 3.5 SEO, annonsering, e-postutsendelser og nytt analyseoppsett.
- 3.6 IT-brukerstøtte for Fjeldkrafts ansatte (PC, e-post, intranett).
- 3.7 Mer enn 10 utviklertimer per måned uten godkjent endringsforespørsel (punkt 5.5), og mer enn 2 tilbakemeldingsrunder per retting.
## 4. Kommunikasjon
- 4.1 Saker og bestillinger sendes skriftlig per e-post til kontoansvarlig. Bestillinger per telefon, SMS eller direkte til utviklerne tas ikke imot.
- 4.2 Månedlig statusmøte første onsdag i måneden kl. 13.00–13.45 på Teams. Et skriftlig sammendrag sendes per e-post innen neste virkedag.
- 4.3 Arbeidstid er mandag–fredag kl. 08.00–16.00 norsk tid. Svartid på vanlige saker er innen 1 virkedag.
- 4.4 Kritiske feil (nettstedet er nede, eller bestillingsskjemaet virker ikke) kan meldes døgnet rundt til driftsvakt@halcyon-growth.example, og arbeidet starter innen 2 timer. Alt annet arbeid utføres i arbeidstiden.
- 4.5 Ingen uplanlagte møter eller telefonsamtaler. Hastesaker som ikke er kritiske feil, sendes per e-post.
- 4.6 Silje Nygård er Fjeldkrafts kontaktperson og prioriterer bruken av timene. Thomas Berge godkjenner endringsforespørsler og budsjett.
## 5. Økonomi
- 5.1 Fast månedspris: NOK 28 000 eks. mva. Prisen omfatter hosting og drift, 10 utviklertimer og kvartalsvis gjennomgang.
- 5.2 Faktureres forskuddsvis den 1. i hver måned, med 14 dagers betalingsfrist.
- 5.3 Er en faktura mer enn 14 dager over forfall, kan arbeidet stanses til den er betalt (kritiske feil rettes fortsatt); forsinkelsesrente etter forsinkelsesrenteloven.
- 5.4 Arbeid utover avtalen faktureres med NOK 1 350 per time eks. mva. og må godkjennes skriftlig på forhånd.
- 5.5 Endringer i omfanget avtales skriftlig gjennom en endringsforespørsel (oppgave, estimat, pris og tidsplan) som begge parter godkjenner før arbeidet starter.
- 5.6 Fastprisen er ikke knyttet til resultater som trafikk, salg eller antall nye kunder.
## Signaturer
For Fjeldkraft Energi AS: Thomas Berge, markedsdirektør. For Halcyon Growth: Eirik Haugland, kontoansvarlig. Signert elektronisk 12. januar 2026.
"""

FJELDKRAFT_KICKOFF_MD = """\
# Call notes: Kick-off call, 21 January 2026

- **Client:** Fjeldkraft Energi AS (fictional company)
- **Attendees:** Silje Nygård (Digital Manager), Thomas Berge (Marketing Director), Fjeldkraft; Eirik Haugland (Account Manager), Petter Aas (Lead Developer), Halcyon Growth
- **Format:** Teams, 60 minutes
- **Summary sent by email:** 22 January 2026

## Handover

- Halcyon Growth takes over hosting and operations from the previous supplier on 1 February 2026; the DNS switch is scheduled for Friday 30 January 2026 at 21:00.
- The previous supplier's backlog holds 14 known bugs (order form, moving form, spot price display). Silje prioritises them at the first status meeting.

## Decisions

- The 10 monthly developer hours (SOW 2.2) are spent in the order Silje prioritises. Hours are logged in 30-minute steps and listed in the monthly operations report (SOW 2.8).
- Thomas asked about "Strømkalkulator 2.0", a new price calculator based on the customer's hourly consumption. Agreed that this is a new feature (SOW 3.1): Halcyon Growth will quote it separately through a change request (SOW 5.5) if Fjeldkraft wants it. No calculator work within the monthly hours.
- The front-page redesign Fjeldkraft is planning for autumn 2026 is a separate project and not part of this retainer (SOW 3.2).
- "Min side" is run by Kraftdata AS. Fjeldkraft's customer service reports Min side faults to Kraftdata; Halcyon Growth only checks that the link to Min side works (SOW 3.4).
- Requests from other Fjeldkraft departments (customer service, finance, management) go through Silje. Halcyon Growth does not start work ordered by anyone else.
- Critical faults outside working hours go to driftsvakt@halcyon-growth.example (SOW 4.4). Everything else goes by email to Eirik.
- Email in Norwegian or English is fine on both sides.

## Next steps

- First monthly status meeting: Wednesday 4 February 2026, 13:00, on Teams.
- Halcyon Growth sends the access list and the link to the uptime dashboard by 28 January 2026.
"""

FJELDKRAFT_STATUS_TXT = """\
REFERAT – STATUSMØTE 4. MARS 2026
Fjeldkraft Energi AS og Halcyon Growth

Til stede: Silje Nygård og Thomas Berge (Fjeldkraft), Eirik Haugland og Petter Aas (Halcyon Growth)
Form: Teams, 45 minutter
Referat sendt per e-post: 5. mars 2026


STATUS

- Oppetid i februar: 99,97 %.
- Timer i februar: 9,5 av 10 brukt. 8 av de 14 feilene fra overtakelseslisten er rettet.
- Spotprisvisningen viste gårsdagens pris etter kl. 13. Feilen ble rettet og satt i produksjon 26. februar.


BESLUTNINGER

1. Timene i mars brukes på de 5 gjenstående feilene i bestillingsskjemaet og flytteskjemaet. Nye ønsker som kommer i mars, settes på listen for april, med mindre Thomas godkjenner ekstra timer skriftlig (NOK 1 350 per time, punkt 5.4 i avtalen).

2. Fakturaen for februar ble betalt 19 dager for sent fordi innkjøpsordrenummeret manglet. Fra nå merkes alle fakturaer med PO-nummer 4500-2291. Thomas bekreftet at fakturaer med PO-nummer betales innen fristen på 14 dager.

3. Kvartalsgjennomgangen for 1. kvartal (punkt 2.5) leveres innen 31. mars.

4. Vinterkampanjen: Fjeldkraft legger selv inn kampanjetekstene i den eksisterende kampanjemalen (punkt 3.3).

5. Thomas ba om et tilbud på Strømkalkulator 2.0. Halcyon Growth sender en endringsforespørsel med estimat og pris innen 20. mars.

6. Markedspåstander på nettstedet: «100 % fornybar vannkraft» kan brukes, fordi det er dokumentert med opprinnelsesgarantier. Påstander om «lavest pris» eller prisgarantier brukes ikke uten dokumentasjon, og Halcyon Growth legger ikke inn slike påstander i malene.

7. Påminnelse: Henvendelser fra kundeservice og andre avdelinger går via Silje.


NESTE MØTE

Onsdag 1. april 2026 kl. 13.00 på Teams.
"""

# ---------------------------------------------------------------------------------------
# Maison Lune ApS: French-Danish bakery chain, Copenhagen; content + newsletter
# ---------------------------------------------------------------------------------------

MAISONLUNE_SOW_PDF = """\
# Statement of Work 2026: Content and Newsletter
| Client | Maison Lune ApS, Copenhagen (fictional company), French-Danish bakery with four shops (Nørrebro, Frederiksberg, Østerbro, Christianshavn)
| Agency | Halcyon Growth
| Date | 8 January 2026
| Term | 1 February 2026 to 31 January 2027
| Client contacts | Camille Lefèvre (co-founder), Mikkel Juhl (marketing coordinator)
| Account manager | Sofie Vestergaard, sofie.vestergaard@halcyon-growth.example
## 1. Objectives
- 1.1 Grow the newsletter list from 4,200 to 6,000 subscribers by 31 December 2026.
- 1.2 Keep a steady Instagram presence that brings people into the shops and drives pre-orders of seasonal bakes.
## 2. Deliverables
- 2.1 2 newsletters per month in Danish: copy, layout in the existing Mailchimp template and scheduling in Maison Lune's Mailchimp account. Standard send days are the first and third Thursday of the month at 07:00.
- 2.2 6 Instagram feed captions per week (Monday to Saturday), written in Danish from photos supplied by Maison Lune, and scheduled in Meta Business Suite. The captions are delivered as a weekly batch in the shared content calendar every Thursday for the following week.
- 2.3 A hashtag set and a posting-time plan, reviewed once per quarter.
- 2.4 One seasonal campaign planning workshop (90 minutes) per half-year, producing a campaign calendar for the following six months.
- 2.5 Revisions: 2 revision rounds per newsletter and 1 revision round per weekly caption batch.
- 2.6 Monthly report by the 5th working day: newsletter opens, clicks and list growth; Instagram reach, saves and profile visits; next month's plan.
## 3. Not included
- 3.1 Photography, video, Reels editing and graphic design (menus, posters, in-shop signage, price cards).
- 3.2 Instagram Stories, TikTok, Facebook-only posts and other channels.
- 3.3 Community management: replying to comments, direct messages and reviews.
- 3.4 Paid advertising and boosting posts.
- 3.5 Changes to the website and the Shopify pre-order shop.
- 3.6 Translation: newsletters and captions are written in Danish only; French or English versions are not included.
- 3.7 More than 2 newsletters per month, more than 6 captions per week, and revision rounds beyond those in 2.5.
- 3.8 PR, press releases and influencer outreach.
## 4. Communication
- 4.1 Biweekly status call on Tuesdays, 09:30 to 10:00, on Google Meet (first call 10 February 2026).
- 4.2 Requests and newsletter feedback by email to the account manager; caption feedback as comments in the shared content calendar. No requests via Instagram direct messages, WhatsApp or SMS.
- 4.3 Working hours Monday to Friday, 09:00 to 17:00 Copenhagen time; replies within 1 working day. No weekend work: weekend posts are scheduled in advance.
- 4.4 Photos for a week's captions are delivered to the shared Drive folder by Tuesday 12:00 of the week before; material delivered later moves to the following week.
- 4.5 The newsletter brief arrives at least 5 working days before the send date; final approval at least 2 working days before.
- 4.6 Mikkel Juhl is the day-to-day contact and approves caption batches; Camille Lefèvre gives the final approval of newsletters and campaign messages.
## 5. Commercial terms
- 5.1 Monthly fee: DKK 16,500 excluding VAT.
- 5.2 Invoiced monthly in advance on the 1st of the month; payment within 8 days.
- 5.3 If an invoice is more than 14 days overdue, work is paused until it is paid; interest is charged under the Danish Interest Act (renteloven).
- 5.4 Extra work is charged at DKK 950 per hour excluding VAT, approved in writing beforehand.
- 5.5 Changes to the scope are agreed in writing through a change request (task, estimate, price, timeline) approved by both parties before work starts.
- 5.6 The fee is not tied to results (followers, opens, subscribers or sales).
## Signatures
Signed for Maison Lune ApS by Camille Lefèvre and for Halcyon Growth by Sofie Vestergaard, Copenhagen, 8 January 2026.
"""

MAISONLUNE_KICKOFF_MD = """\
# Referat: Opstartsmøde 15. januar 2026

- **Kunde:** Maison Lune ApS (fiktiv virksomhed)
- **Deltagere:** Camille Lefèvre (medstifter), Mikkel Juhl (marketingkoordinator), Maison Lune; Sofie Vestergaard (kundeansvarlig), Astrid Bay (tekstforfatter), Halcyon Growth
- **Form:** Google Meet, 2 timer (inkl. sæsonworkshop for 1. halvår)
- **Referat sendt pr. mail:** 16. januar 2026

## Beslutninger

- Nyhedsbrevene sendes første og tredje torsdag i måneden kl. 7.00. Første udsendelse er torsdag d. 5. februar 2026.
- Tone: varm og personlig, på dansk, gerne med et enkelt fransk ord ("bonjour", "à bientôt"). Camille spurgte til en fransk udgave af nyhedsbrevet. Det blev aftalt, at oversættelse ikke er med i aftalen (SOW 3.6); Halcyon Growth kan give et separat tilbud via en ændringsanmodning (SOW 5.5).
- Fakta, der må bruges i tekster: croissanterne laves med fransk AOP-smør, surdejsbrødet hæver i 48 timer, og alt bages hver morgen i bageriet på Nørrebro.
- Maison Lune er ikke økologisk certificeret og har ikke Ø-mærket. Ordet "økologisk" må kun bruges om rugmelet, som er økologisk. Ingen sundhedsanprisninger i tekster.
- Billeder til en uges captions lægges i den delte Drive-mappe senest tirsdag kl. 12 ugen før (SOW 4.4).
- Stories, svar på kommentarer og beskeder håndteres af butikkerne selv (SOW 3.2 og 3.3).
- Mikkel godkender ugens captions i indholdskalenderen; Camille giver den endelige godkendelse af nyhedsbreve (SOW 4.6).
- Sæsonworkshoppen for 1. halvår blev holdt på mødet (kampagnekalender for februar–juli: fastelavn, påske, Mors dag, sommer). Workshoppen for 2. halvår (kalender for august–januar) holdes i juni 2026 (SOW 2.4).

## Næste skridt

- Første statusmøde: tirsdag d. 10. februar 2026 kl. 9.30 på Google Meet.
- Halcyon Growth opretter indholdskalenderen og deler den senest d. 23. januar.
"""

MAISONLUNE_STATUS_TXT = """\
COMPTE RENDU – POINT D'ÉTAPE DU 10 MARS 2026
Maison Lune ApS / Halcyon Growth

Participants : Camille Lefèvre et Mikkel Juhl (Maison Lune) ; Sofie Vestergaard (Halcyon Growth)
Format : Google Meet, 30 minutes
Compte rendu envoyé par e-mail le 11 mars 2026


RÉSULTATS DE FÉVRIER

- Newsletters : taux d'ouverture moyen de 47 %, 318 nouveaux abonnés (4 518 au total).
- Instagram : 24 légendes publiées, portée en hausse de 22 %.


DÉCISIONS

1. La newsletter de Pâques sera la première newsletter d'avril (jeudi 2 avril). Ce n'est pas une newsletter supplémentaire.

2. Ouverture de la cinquième boutique, à Valby, en mai. Camille souhaiterait une newsletter spéciale « ouverture ». Une troisième newsletter en mai n'est pas incluse (SOW 2.1 et 3.7) : Halcyon Growth envoie une demande de modification (environ 5 heures à 950 DKK/h) si Maison Lune le souhaite. À défaut, l'ouverture est annoncée dans l'une des deux newsletters de mai.

3. Corrections : la newsletter de février a eu, à titre exceptionnel, une troisième série de corrections. Il est convenu de s'en tenir désormais à 2 séries par newsletter (SOW 2.5), avec des retours regroupés dans un seul e-mail par série.

4. Mikkel reste l'interlocuteur au quotidien. Julien Lefèvre (chef boulanger) transmet ses idées de contenu via Mikkel ; les validations restent celles du SOW 4.6.

5. Factures : à envoyer à bogholderi@maisonlune.example avec la référence « ML-2026 ». La facture de février a été payée le 6 mars (échéance : 9 février) ; Camille a confirmé que les prochaines seront réglées dans les 8 jours.

6. Rappel : pas de Stories ni de réponses aux commentaires de la part de Halcyon Growth (SOW 3.2 et 3.3).


PROCHAIN POINT

Mardi 24 mars 2026, 9 h 30, Google Meet.
"""

# ---------------------------------------------------------------------------------------
# Chiang Mai Stay Co., Ltd.: Thai boutique-hotel group; Google Ads + Meta ads + tracking
# ---------------------------------------------------------------------------------------

CHIANGMAI_SOW_MD = """\
# Statement of Work 2026: Google Ads, Meta Ads and Booking-Engine Tracking

- **Client:** Chiang Mai Stay Co., Ltd. (fictional company), operator of three boutique hotels in Chiang Mai: Baan Saeng Chan (Old City), Nimman Loft (Nimmanhaemin) and Rim Ping Villa (riverside)
- **Agency:** Halcyon Growth
- **Date:** 13 January 2026
- **Term:** 1 February 2026 to 31 January 2027
- **Client contacts:** Ratchanee Inthawong (Marketing Manager), Krit Boonmee (Managing Director)
- **Account manager:** Kanokwan Srisawat, kanokwan@halcyon-growth.example

## 1. Objectives

- 1.1 Grow direct bookings through the hotels' own booking engine: the direct share of room revenue from 18% to 25% by 31 December 2026.
- 1.2 Reach a ROAS of 6.0 on Google Ads and 4.0 on Meta ads, measured on booking-engine revenue, by 30 September 2026.

## 2. Deliverables

- 2.1 Google Ads management for the three hotels: one brand Search campaign, one generic Search campaign and one Performance Max campaign per hotel; keywords, bids and budgets; ads in Thai and English.
- 2.2 Meta ads management (Facebook and Instagram): up to 3 campaigns running at the same time; audiences, budgets and A/B tests of ad copy.
- 2.3 8 new ad creatives per month across both channels: static images or carousels built from photos supplied by Chiang Mai Stay, with copy in Thai and English.
- 2.4 Booking-engine conversion tracking: GA4, Google Ads conversions and the Meta Pixel with the Conversions API on the booking engine (search, checkout and confirmation steps), including booking revenue. Includes a monthly tracking health check and fixing any tracking faults.
- 2.5 2 revision rounds per monthly creative batch.
- 2.6 Seasonal campaigns (Songkran in April, green season May to October, Loy Krathong and Yi Peng in November, high season December to February) are planned within the 8 monthly creatives.
- 2.7 Monthly performance report by the 5th working day: bookings, room revenue, ROAS and cost per booking per hotel and per channel, and next month's plan.
- 2.8 Halcyon Growth may shift up to 20% of the monthly media budget between channels and hotels; larger changes need written approval from the client.

## 3. Not included

- 3.1 Media spend, which Chiang Mai Stay pays directly to Google and Meta (planned at THB 350,000 per month).
- 3.2 OTA management (Agoda, Booking.com, Expedia), metasearch and Google Hotel Ads, the channel manager and room-rate management.
- 3.3 TikTok, LINE ads and LINE Official Account broadcasts, email marketing and influencer campaigns.
- 3.4 Photo and video shoots, video ads and Reels editing.
- 3.5 Website changes, new landing pages and booking-engine design changes (tracking tags excepted, see 2.4).
- 3.6 SEO, review management and replies to reviews on Google, TripAdvisor or OTAs.
- 3.7 More than 8 creatives per month, revision rounds beyond 2, and ads in languages other than Thai and English.

## 4. Communication

- 4.1 Weekly status call on Wednesdays, 10:00 to 10:30 Bangkok time, on Google Meet.
- 4.2 Requests, feedback and approvals by email to the account manager. The shared LINE group is only for urgent faults (tracking broken, ads disapproved, booking engine down).
- 4.3 Working hours Monday to Friday, 09:00 to 18:00 Bangkok time; replies within 1 working day. No calls outside working hours.
- 4.4 Ratchanee Inthawong approves creatives and campaign changes; Krit Boonmee approves budgets and commercial changes.
- 4.5 A written call summary is emailed by the next working day.

## 5. Commercial terms

- 5.1 Management fee: THB 68,000 per month excluding VAT (media spend not included).
- 5.2 Invoiced monthly in advance on the 1st of the month; payment within 15 days.
- 5.3 If an invoice is more than 15 days overdue, management work is paused until it is paid (the campaigns keep running in the client's own ad accounts); late interest of 1.25% per month.
- 5.4 The fee is fixed and not tied to bookings, ROAS or revenue; no commission.
- 5.5 Extra work is charged at THB 2,200 per hour excluding VAT, approved in writing beforehand.
- 5.6 Changes to the scope are agreed in writing through a change request (task, estimate, price, timeline) approved by both parties (Krit Boonmee for Chiang Mai Stay) before work starts.
"""

CHIANGMAI_KICKOFF_PDF = """\
# บันทึกการประชุม: คิกออฟ (Kick-off call) วันพุธที่ 21 มกราคม 2569 (2026)
| ลูกค้า | บริษัท เชียงใหม่ สเตย์ จำกัด (บริษัทสมมุติ)
| ผู้เข้าร่วม | คุณรัชนี อินทวงศ์ (ผู้จัดการฝ่ายการตลาด) และคุณกฤษ บุญมี (กรรมการผู้จัดการ) จากเชียงใหม่ สเตย์ ; คุณกนกวรรณ ศรีสวัสดิ์ (Account Manager) และคุณธนากร ใจดี (Ads Specialist) จาก Halcyon Growth
| รูปแบบ | Google Meet 60 นาที
| ส่งสรุปทางอีเมล | 22 มกราคม 2569
## มติที่ประชุม
- 1. ติดตั้งการติดตามคอนเวอร์ชันบน booking engine (GA4, Google Ads conversion, Meta Pixel และ Conversions API) ให้เสร็จภายในวันที่ 15 กุมภาพันธ์ 2569 โดยคุณรัชนีจะให้สิทธิ์เข้าถึง booking engine ภายในวันที่ 26 มกราคม (SOW 2.4)
- 2. ภาษาโฆษณา: ภาษาไทยและภาษาอังกฤษเท่านั้น คุณกฤษสอบถามเรื่องโฆษณาภาษาจีนสำหรับตลาดจีน ที่ประชุมตกลงว่าอยู่นอกขอบเขตงาน (SOW 3.7) หากต้องการ Halcyon Growth จะเสนอราคาแยกผ่าน change request (SOW 5.6)
- 3. ข้อความโฆษณาต้องเป็นความจริงและตรวจสอบได้ ข้อความ "ราคาดีที่สุดเมื่อจองตรง" ใช้ได้ เพราะราคาจองตรงต่ำกว่าราคาบน OTA อย่างน้อย 5% เสมอ ห้ามอ้างรางวัลหรือ "อันดับ 1" ที่ไม่มีหลักฐาน และห้ามใช้ "เหลือห้องสุดท้าย" หากไม่เป็นความจริง
- 4. รูปภาพสำหรับครีเอทีฟ: ลูกค้าอัปโหลดลงโฟลเดอร์ Google Drive ภายในวันที่ 20 ของเดือนก่อนหน้า
- 5. งบโฆษณาเริ่มต้น 350,000 บาทต่อเดือน แบ่งเป็น Google Ads 60% และ Meta 40% ลูกค้าชำระค่าโฆษณาให้ Google และ Meta โดยตรง (SOW 3.1)
- 6. ช่องทางสื่อสาร: คำขอ ฟีดแบ็ก และการอนุมัติทั้งหมดส่งทางอีเมล กลุ่ม LINE ใช้เฉพาะเหตุเร่งด่วน เช่น tracking เสีย หรือโฆษณาถูกปฏิเสธ (SOW 4.2)
- 7. การจัดการ Agoda, Booking.com และราคาห้องพักไม่อยู่ในขอบเขตงาน (SOW 3.2) ทีม revenue ของโรงแรมดูแลเอง
## ขั้นตอนถัดไป
- คอลประจำสัปดาห์ครั้งแรก: วันพุธที่ 4 กุมภาพันธ์ 2569 เวลา 10:00 น.
- Halcyon Growth ส่งแผนแคมเปญเดือนกุมภาพันธ์ภายในวันที่ 28 มกราคม 2569
"""

CHIANGMAI_STATUS_DOCX = """\
# Call notes: Weekly status call, 25 March 2026
| Client | Chiang Mai Stay Co., Ltd.
| Attendees | Ratchanee Inthawong (Marketing Manager), Siriporn Kaewmala (Revenue Manager), Chiang Mai Stay; Kanokwan Srisawat (Account Manager), Thanakorn Jaidee (Ads Specialist), Halcyon Growth
| Format | Google Meet, 30 minutes
| Summary sent by email | 26 March 2026
## Results (1 to 22 March)
- 412 direct bookings through the booking engine (+19% on the same period in February).
- ROAS: Google Ads 5.1, Meta 3.2.
- Tracking: duplicate purchase events between the Meta Pixel and the Conversions API were fixed on 12 March.
## Decisions
- 1. Songkran campaign (10 to 16 April) uses 3 of April's 8 creatives. Offer: free airport transfer for direct bookings made 1 to 20 April; Siriporn confirmed that the offer is real and included in the direct rate.
- 2. Green-season promotion "Stay 3, Pay 2" for direct bookings from 1 May to 31 October, in all three hotels; it runs within the 8 monthly creatives.
- 3. Siriporn is copied on the monthly report. Ratchanee remains the only approver of creatives and campaign changes; Krit approves budgets and commercial changes (SOW 4.4).
- 4. The February invoice was paid on 24 February, 8 days after the due date. Ratchanee confirmed on Krit's behalf that finance now pays Halcyon Growth's invoices on the 15th of each month.
- 5. Rim Ping Villa closes for renovation from 1 to 30 June. Its campaigns pause in June; Krit approved by email on 26 March that its budget is not moved to the other hotels.
- 6. Ratchanee asked about TikTok ads for Nimman Loft. TikTok is outside the scope (SOW 3.3); Halcyon Growth will send a quote if asked.
## Next steps
- Next weekly call: Wednesday 1 April 2026, 10:00, Google Meet.
- The March report follows by the 5th working day of April (SOW 2.7).
"""
