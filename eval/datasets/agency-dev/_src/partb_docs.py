"""Part B: the scope documents and call notes of `saltvand` and `siamcraft` (fictional).

Plain data; make_partb.py renders it to DOCX / PDF / Markdown.
A document is a title, a list of header lines and sections; a section is a heading
and a list of items; an item is (number, text) or ("", text) for an unnumbered bullet.
"""

# ======================================================================================
# Saltvand Seafood ApS: statement of work (Danish, rendered to DOCX)
# ======================================================================================
SALTVAND_SOW = dict(
    title="Samarbejdsaftale 2026: Lokal SEO, Google Business Profile og blogindhold",
    header=[
        "Kunde: Saltvand Seafood ApS (fiktiv virksomhed), fiskerestauranter i Aarhus Ø, Skagen og Ebeltoft med online bordbooking",
        "Bureau: Halcyon Growth (halcyon-growth.example)",
        "Dato: 14. januar 2026",
        "Aftaleperiode: 1. februar 2026 – 31. januar 2027",
        "Kontaktpersoner hos kunden: Claus Brandstrup, indehaver (claus@saltvand.example); Sofie Kjærgaard, marketingansvarlig (sofie@saltvand.example)",
        "Account manager: Maria Lindahl, maria@halcyon-growth.example",
    ],
    sections=[
        ("1. Formål", [
            ("1.1", "Flere bordreservationer via online booking fra Google-søgning og Google Maps til de tre restauranter: Saltvand Aarhus Ø, Saltvand Skagen og Saltvand Ebeltoft."),
            ("1.2", "Mål for 31. august 2026: top-3 i Google Maps' lokale resultater for \"fiskerestaurant [by]\" i alle tre byer og 25 % flere bookinger via Google Business Profile end i februar 2026 (målt med UTM-links i bookingsystemet). Målene er mål, ikke garanterede resultater."),
            ("1.3", "Resultaterne måles månedligt i Google Search Console, Google Business Profile-statistikken og bookingsystemets rapporter."),
        ]),
        ("2. Leverancer", [
            ("2.1", "Lokal SEO"),
            ("2.1.1", "Lokal SEO-audit ved opstart (februar) og derefter kvartalsvist (maj, august, november): teknisk gennemgang af saltvand.example (indeksering, hastighed, mobil), strukturerede data (Restaurant-schema, menu, åbningstider), NAP-konsistens og sammenligning med op til 3 lokale konkurrenter pr. restaurant, afsluttet med en prioriteret handlingsliste."),
            ("2.1.2", "On-page-optimering af op til 6 eksisterende sider: forsiden, de tre restaurantsider, menusiden og bookingsiden (titler, metabeskrivelser, overskrifter, interne links, schema samt booking- og menulinks)."),
            ("2.1.3", "Registrering og vedligehold af navn, adresse og telefonnummer (NAP) i op til 10 relevante kataloger pr. restaurant (fx Krak, De Gule Sider, Tripadvisor, Apple Maps, Bing Places), kontrolleret kvartalsvist."),
            ("2.1.4", "Overvågning af op til 40 søgeord."),
            ("2.2", "Google Business Profile (tre profiler: Aarhus Ø, Skagen og Ebeltoft)"),
            ("2.2.1", "Optimering og løbende vedligehold af de tre profiler: kategorier, beskrivelse, åbningstider, attributter, menu- og bookinglinks samt spørgsmål og svar."),
            ("2.2.2", "2 opslag pr. profil pr. måned (i alt 6 opslag om måneden)."),
            ("2.2.3", "Svar på alle nye Google-anmeldelser på de tre profiler, på hverdage og inden for 2 hverdage, skrevet på anmelderens sprog (dansk, engelsk eller tysk). Svar på anmeldelser med 1-2 stjerner sendes først til godkendelse hos Sofie Kjærgaard eller Claus Brandstrup."),
            ("2.2.4", "Upload af op til 10 billeder pr. profil pr. måned, leveret af kunden."),
            ("2.2.5", "Særlige åbningstider (helligdage, lukkedage, events) opdateres, når kunden giver besked mindst 3 hverdage før."),
            ("2.3", "Blogindhold"),
            ("2.3.1", "3 blogindlæg pr. måned i alt (ikke pr. restaurant) på dansk, 700-1.000 ord, inkl. SEO-titel, metabeskrivelse, interne links og ét billede fra kunden eller en billedbank, publiceret på kundens WordPress-blog."),
            ("2.3.2", "Emneplan for næste måned sendes senest den 20.; kunden godkender senest den 25."),
            ("2.3.3", "2 rettelsesrunder pr. blogindlæg. Sofie Kjærgaard samler feedback i én mail pr. runde."),
            ("2.3.4", "Tidsplan: udkast leveres senest 5 hverdage før planlagt udgivelse; rettelser indarbejdes inden for 3 hverdage efter samlet feedback."),
            ("2.4", "Rapportering"),
            ("2.4.1", "Månedlig rapport senest 5. hverdag i den følgende måned: placeringer, synlighed i Maps, bookinger via Google, udførte opgaver, resultater og plan for næste måned."),
        ]),
        ("3. Ikke inkluderet", [
            ("3.1", "Google Ads, Meta-annoncer og al anden betalt annoncering."),
            ("3.2", "Sociale medier (Instagram, Facebook, TikTok): opslag, stories, annoncer og besvarelse af kommentarer og beskeder. Varetages af kunden selv."),
            ("3.3", "Webudvikling og design: nye sider og landingssider, redesign, ændringer i bookingsystemet eller bookingformularen samt tekniske ændringer ud over on-page-optimeringen i 2.1.2."),
            ("3.4", "Oversættelse og indhold på andre sprog end dansk (fx en tysk eller engelsk version af hjemmesiden eller blogindlæggene). Undtaget er anmeldelsessvar efter 2.2.3."),
            ("3.5", "Fotografering, video og grafisk design (menukort, plakater, bordkort, logo)."),
            ("3.6", "Nyhedsbreve og e-mailmarketing."),
            ("3.7", "Manipulerende teknikker i strid med Googles retningslinjer: køb af links, linknetværk og PBN'er, keyword stuffing, skjult tekst, doorway-sider (fx én side pr. by eller bydel med samme indhold) og falske, købte eller personaleskrevne anmeldelser. Halcyon udfører ikke sådanne opgaver."),
            ("3.8", "Markedsføringsudsagn, der ikke er sande eller ikke kan dokumenteres, fx \"fanget i dag\" om fisk, der ikke er det, certificeringer, restauranterne ikke har (fx MSC eller økologi), priser og kåringer, der ikke er vundet, og falsk knaphed (\"kun få borde tilbage\", nedtællinger)."),
            ("3.9", "Mere end 3 blogindlæg, 2 GBP-opslag pr. profil eller 10 billeder pr. profil pr. måned samt mere end 2 rettelsesrunder pr. indlæg. Ubrugte leverancer overføres ikke til næste måned."),
            ("3.10", "Nye lokationer og profiler ud over de tre restauranter i 2.2."),
            ("3.11", "PR, pressemeddelelser samt kontakt til presse og influencere."),
            ("3.12", "Anmeldelser på andre platforme end Google (fx Tripadvisor, Facebook, TheFork)."),
            ("3.13", "Hasteopgaver: levering hurtigere end tidsplanen i 2.3.4."),
        ]),
        ("4. Kommunikation", [
            ("4.1", "Statusmøde hver anden tirsdag kl. 9.30-10.00 (lige uger) på Microsoft Teams."),
            ("4.2", "Skriftligt referat sendes senest hverdagen efter mødet."),
            ("4.3", "Al kommunikation foregår på e-mail til account manager. Der bruges ikke Slack, WhatsApp eller sms, og der er ingen uplanlagte telefonopkald. Akutte sager (fx forkerte åbningstider på Google) sendes på e-mail med \"AKUT\" i emnefeltet og behandles samme hverdag, hvis de modtages før kl. 14."),
            ("4.4", "Svartid: inden for 1 hverdag. Arbejdstid mandag-fredag kl. 8.30-16.30. Ingen support om aftenen, i weekender og på helligdage."),
            ("4.5", "Sofie Kjærgaard godkender emneplaner, blogindlæg og GBP-opslag. Claus Brandstrup godkender budget, fakturaer og ændringer af denne aftale."),
        ]),
        ("5. Økonomi", [
            ("5.1", "Månedligt honorar: 14.500 kr. ekskl. moms."),
            ("5.2", "Honoraret faktureres forud den 1. i måneden med betalingsfrist netto 8 dage."),
            ("5.3", "Honoraret betales for det aftalte arbejde og er ikke betinget af placeringer, bookinger eller andre resultater."),
            ("5.4", "Er en faktura mere end 14 dage over forfald, sættes arbejdet på pause, indtil alle forfaldne fakturaer er betalt. Der beregnes morarente efter renteloven."),
            ("5.5", "Ekstraarbejde afregnes med 950 kr. pr. time ekskl. moms og skal godkendes skriftligt på forhånd."),
            ("5.6", "Ændringer i omfanget aftales skriftligt via en ændringsanmodning (opgave, pris, tidsplan), som Claus Brandstrup godkender, før arbejdet går i gang. Halcyon sender tilbud inden for 3 hverdage."),
        ]),
        ("6. Opsigelse", [
            ("6.1", "Aftalen kan opsiges af begge parter med 3 måneders skriftligt varsel til udgangen af en måned."),
        ]),
    ],
)

# ======================================================================================
# Saltvand: kick-off call notes (Danish, Markdown)
# ======================================================================================
SALTVAND_KICKOFF_MD = """\
# Referat: Opstartsmøde, 21. januar 2026

- **Kunde:** Saltvand Seafood ApS
- **Deltagere:** Claus Brandstrup, Sofie Kjærgaard (Saltvand); Maria Lindahl, Jakob Frandsen (Halcyon Growth)
- **Form:** Microsoft Teams, 75 minutter
- **Referat sendt pr. e-mail:** 22. januar 2026

## Mål

- Flere online bordbookinger fra Google til alle tre restauranter (Aarhus Ø, Skagen, Ebeltoft). Målene for 31. august 2026 står i aftalens punkt 1.2; det er mål, ikke garantier.
- Højsæson: Skagen maj-september (mange tyske og norske gæster), Ebeltoft påske-oktober, Aarhus hele året.

## Beslutninger

- Tre Google Business-profiler: Aarhus Ø, Skagen og Ebeltoft. En eventuel fjerde restaurant er ikke med og tilbydes separat.
- 3 blogindlæg om måneden i alt, ikke pr. restaurant. Emnerne skifter mellem restauranterne og følger sæsonen.
- Sofie samler feedback fra Claus og køkkenchef Jens Højgaard og sender én samlet mail pr. rettelsesrunde; 2 runder pr. indlæg.
- Instagram og Facebook bliver hos Sofies team. Halcyon laver ikke sociale medier.
- Hjemmesiden og blogindlæggene forbliver på dansk. En tysk eller engelsk version er ikke med i aftalen og tilbydes separat, hvis det bliver aktuelt. Anmeldelsessvar på Google skrives dog på anmelderens sprog (dansk, engelsk eller tysk).
- Friskhed og certificeringer: Ikke al fisk er dagsfanget; torsk og hellefisk kommer om vinteren frossen fra Norge. "Dagens fangst" bruges kun om fisk, der er købt på auktionen i Skagen eller Hirtshals samme dag. Saltvand er ikke MSC-certificeret (kun to af leverandørerne er), så det må ikke stå i teksterne. Vi nævner ingen priser eller kåringer, som restauranterne ikke har vundet.
- Anmeldelser: Claus spurgte, om personalet kunne skrive anmeldelser for at løfte Skagen. Aftalt: nej, kun ægte gæster (aftalens 3.7). Halcyon svarer på anmeldelserne efter 2.2.3.
- Links: ingen køb af links eller linknetværk (aftalens 3.7).
- Kommunikation: statusmøde hver anden tirsdag kl. 9.30 på Teams; al kommunikation på e-mail til Maria, ingen WhatsApp; akutte sager med "AKUT" i emnefeltet.
- Økonomi: 14.500 kr. om måneden ekskl. moms, faktureres forud den 1., netto 8 dage. Claus godkender fakturaer og ændringsanmodninger.

## Næste skridt

- Saltvand giver adgang til Google-profilerne, WordPress og Search Console senest 26. januar.
- Halcyon sender emneplanen for februar senest 23. januar.
- Opstartsaudit afleveres senest 20. februar.
"""

# ======================================================================================
# Saltvand: status call notes (English, rendered to PDF with core fonts: latin-1 only)
# ======================================================================================
SALTVAND_STATUS = dict(
    title="Call notes: Status call, 17 March 2026",
    header=[
        "Client: Saltvand Seafood ApS",
        "Attendees: Claus Brandstrup, Sofie Kjærgaard (Saltvand); Maria Lindahl, Jakob Frandsen (Halcyon Growth)",
        "Format: Microsoft Teams, 45 minutes",
        "Summary sent by email: 18 March 2026",
    ],
    sections=[
        ("Results since the kick-off", [
            ("", "Start-up local SEO audit delivered on 20 February; 14 of 22 action items done."),
            ("", "Name, address and phone cleaned up in 9 directories per restaurant (SOW 2.1.3)."),
            ("", "Aarhus Ø moved from position 7 to 4 in Google Maps for \"fiskerestaurant aarhus\"."),
            ("", "The Ebeltoft profile was suspended after the address change; Halcyon had it re-verified on 9 March as part of profile maintenance (SOW 2.2.1)."),
        ]),
        ("Decisions", [
            ("D1", "Payment: the February invoice (due 9 February) was paid on 24 February after a reminder. Claus confirmed that from March all invoices are paid in advance within the 8-day term (SOW 5.2). Claus asked whether part of the fee could depend on bookings; Maria referred to SOW 5.3 and Claus accepted that the fee is not tied to results."),
            ("D2", "Landing page for Christmas lunches and company events (\"julefrokost / firmaarrangementer\"): not part of the SOW (3.3). Agreed: the new landing page will be quoted separately via a change request. Maria sends the quote by 24 March; no work starts before Claus has signed it (SOW 5.6)."),
            ("D3", "Extra blog posts: Sofie would like more posts in the high season. Agreed: posts beyond the 3 per month in SOW 2.3.1 are only possible via a change request, priced at 4 hours (3,800 DKK excl. VAT) per post."),
            ("D4", "Status calls move from Tuesdays to Thursdays, 9:30-10:00 on Teams, still every second week (even weeks), starting Thursday 2 April 2026."),
            ("D5", "Reviews: confirmed that Google reviews in English and German are answered in the reviewer's language (SOW 2.2.3). Reviews that arrive at the weekend are answered on the next business day. Tripadvisor and other platforms stay outside the scope (SOW 3.12)."),
            ("D6", "Claus asked again whether staff and friends could post reviews to lift the Skagen rating. Maria declined: fake or staff-written reviews are excluded (SOW 3.7) and break Google's policies. Agreed instead: Saltvand adds a small card with a QR code to the bill asking real guests for a review; Saltvand produces the card itself."),
            ("D7", "Instagram and Facebook remain in-house with Sofie's team (SOW 3.2)."),
        ]),
        ("Next steps", [
            ("", "Maria: quote for the julefrokost landing page by 24 March."),
            ("", "Halcyon: April topic plan by 20 March; Sofie approves by 25 March."),
            ("", "Sofie: new photos for the Skagen profile by the end of March."),
        ]),
    ],
)

# ======================================================================================
# Siam Craft Coffee: statement of work (English, Markdown)
# ======================================================================================
SIAMCRAFT_SOW_MD = """\
# Statement of Work 2026: Social Media Management

- **Client:** Siam Craft Coffee Co., Ltd., specialty-coffee roaster in San Kamphaeng, Chiang Mai, selling online at siamcraft.example (fictional company)
- **Agency:** Halcyon Growth (halcyon-growth.example)
- **Date:** 8 January 2026
- **Term:** 1 February 2026 to 31 January 2027
- **Client contacts:** Khun Krit Phromma, Founder & Head Roaster (krit@siamcraft.example); Khun Waraporn "Nok" Saelim, Marketing Manager (nok@siamcraft.example)
- **Account manager:** Ploy Chaiwong, ploy@halcyon-growth.example

## 1. Objectives

- 1.1 Grow online sales of roasted beans, drip bags and cold brew through the webshop siamcraft.example, using Instagram, Facebook and TikTok.
- 1.2 Targets for 31 December 2026: Instagram followers from 8,200 (January 2026) to 15,000; an average engagement rate of at least 3% on feed posts; 5% of webshop sessions coming from social. These are targets, not guaranteed results.
- 1.3 Results are reported monthly from Meta Business Suite, TikTok analytics and the webshop's analytics.

## 2. Deliverables

- 2.1 A monthly content calendar for the three accounts (@siamcraftcoffee on Instagram, "Siam Craft Coffee" on Facebook, @siamcraftcoffee on TikTok), sent by the 20th of the previous month; the client approves it by the 25th.
- 2.2 12 feed posts per month (single image or carousel of up to 8 slides), designed from client-supplied photos and published on Instagram and Facebook. A post published on both platforms counts as one post.
- 2.3 4 reels per month of up to 45 seconds, edited from footage supplied by the client and published on Instagram Reels, Facebook Reels and TikTok. A reel published on several platforms counts as one reel.
- 2.4 Captions in Thai and English, with hashtags, for every post, reel and story.
- 2.5 Up to 8 Instagram stories per month, made from approved content and client-supplied material.
- 2.6 2 revision rounds per post, reel and story. Feedback is consolidated by Khun Nok into one email per round.
- 2.7 Community management on the three accounts, Monday to Friday 09:00-18:00 (Bangkok time), excluding Thai public holidays: replying to comments and direct messages within 4 office hours using the client's FAQ; hiding spam; forwarding complaints, order and delivery issues, wholesale and press enquiries to the client within 1 business day. Halcyon does not process orders, refunds or address changes.
- 2.8 A monthly report by the 5th business day of the following month: reach, followers, engagement, top content, webshop traffic from social, wins and next month's plan, for each of the three platforms.
- 2.9 Timelines: the client supplies photos and footage by the 25th of the previous month; drafts of posts, stories and reels are delivered for review at least 5 business days before the publishing date; revised versions are delivered within 2 business days after consolidated feedback.
- 2.10 Quarterly social strategy review: a 1-hour session held instead of the weekly status call in the last month of each quarter (March, June, September, December), covering results per platform and format, a scan of up to 3 competitor accounts chosen by the client, and a plan for the next quarter.

## 3. Not included

- 3.1 Paid advertising of any kind, including boosted posts, Meta Ads and TikTok Ads, and ad budget management.
- 3.2 Photo and video shoots, product photography, models, and influencer or KOL sourcing, negotiation and management.
- 3.3 Other channels and accounts: LINE OA (broadcasts and chat), Shopee and Lazada shops, YouTube, X, Lemon8, and any additional account (for example a separate account for a café branch).
- 3.4 Website and webshop work, packaging and label design, logos, printed material and café menus.
- 3.5 Community management outside the hours in 2.7 (evenings, weekends, Thai public holidays), live-stream moderation, and customer service for orders (order status, refunds, exchanges, address changes).
- 3.6 Buying followers, likes, views or comments; fake, staff-written or agency-written reviews and comments; engagement pods, bots and follow/unfollow tools. Halcyon does not use methods that break platform rules.
- 3.7 Claims that are untrue or cannot be substantiated, including health claims (that coffee treats, cures or prevents a disease, lowers blood sugar or causes weight loss), certifications the product does not hold (e.g. organic, Fairtrade), awards or scores not actually received, and false scarcity or countdowns. All content follows Thai FDA food advertising rules and the platforms' policies.
- 3.8 More than 12 posts, 4 reels or 8 stories per month, and revision rounds beyond 2. Unused quantities do not roll over.
- 3.9 Rush work: delivery faster than the timelines in 2.9, including same-day trend content.
- 3.10 Translation of material not produced for the social accounts (catalogues, price lists, packaging, website).

## 4. Communication

- 4.1 Weekly status call every Wednesday, 14:00-14:30 (Bangkok time), on Google Meet.
- 4.2 A written summary of every call is emailed by the next business day.
- 4.3 Email to the account manager is the channel for requests, feedback, approvals and assets. The shared LINE group is only for urgent publishing problems (for example a post live with an error) during office hours; it is not used for new requests or feedback.
- 4.4 No unscheduled calls. Urgent matters are sent by email (or in the LINE group as in 4.3).
- 4.5 Response time: within 1 business day. Office hours are Monday to Friday, 09:00-18:00 Bangkok time; there is no evening, weekend or public-holiday support.
- 4.6 Khun Nok approves content calendars, posts, reels and stories. Khun Krit approves budgets, invoices and changes to this statement of work.

## 5. Commercial terms

- 5.1 Monthly fee: THB 48,000 excluding VAT.
- 5.2 The fee is invoiced on the 25th of the previous month and paid in advance, by the 1st of the month it covers. Withholding tax required by Thai law may be deducted, with the certificate (50 Tawi) sent to Halcyon.
- 5.3 The fee is paid for the agreed work and is not contingent on followers, engagement, sales or any other result.
- 5.4 If an invoice is more than 10 days overdue, publishing and community management are paused until all overdue invoices are paid in full.
- 5.5 Extra work is charged at THB 1,800 per hour. Fixed prices: extra feed post THB 2,500; extra reel THB 6,000; extra story THB 600. Extra work requires written approval in advance.
- 5.6 Changes to the scope are agreed in writing via a change request (task, price, timeline), approved by Khun Krit before work starts. Halcyon sends a quote within 2 business days of the request.

## 6. Term and termination

- 6.1 Either party may terminate with 2 months' written notice.
"""

# ======================================================================================
# Siam Craft: kick-off call notes (Thai, rendered to DOCX)
# ======================================================================================
SIAMCRAFT_KICKOFF = dict(
    title="บันทึกการประชุม: คิกออฟ 14 มกราคม 2569 (2026)",
    header=[
        "ลูกค้า: บริษัท สยามคราฟท์ คอฟฟี่ จำกัด (Siam Craft Coffee Co., Ltd.)",
        "ผู้เข้าร่วม: คุณกฤต พรหมมา, คุณวราภรณ์ แซ่ลิ้ม (นก) จากสยามคราฟท์; พลอย ชัยวงศ์, จาคอบ ฟรานด์เซน จาก Halcyon Growth",
        "รูปแบบ: Google Meet 60 นาที",
        "ส่งสรุปการประชุมทางอีเมล: 15 มกราคม 2569",
    ],
    sections=[
        ("เป้าหมาย", [
            ("", "เพิ่มยอดขายออนไลน์ของเมล็ดกาแฟคั่ว ดริปแบ็ก และโคลด์บรูว์ ผ่านเว็บไซต์ siamcraft.example"),
            ("", "เป้าหมายผู้ติดตาม Instagram 15,000 คน ภายใน 31 ธันวาคม 2569 และ engagement เฉลี่ยไม่ต่ำกว่า 3% (เป็นเป้าหมาย ไม่ใช่การรับประกันผล)"),
        ]),
        ("ข้อตกลง", [
            ("1", "ช่องทาง: Instagram, Facebook และ TikTok เท่านั้น LINE OA, Shopee และ Lazada ไม่อยู่ในขอบเขตงาน หากต้องการ Halcyon จะเสนอราคาแยก"),
            ("2", "ปริมาณงาน: 12 โพสต์ 4 รีล และสตอรี่ไม่เกิน 8 ชิ้นต่อเดือน โพสต์เดียวกันที่ลงทั้ง IG และ FB นับเป็น 1 โพสต์"),
            ("3", "ฟีดแบ็ก: คุณนกเป็นผู้รวบรวมความเห็นจากคุณกฤตและทีม แล้วส่งอีเมลเดียวต่อรอบ แก้ไขได้ 2 รอบต่อชิ้นงาน"),
            ("4", "ภาพและวิดีโอ: สยามคราฟท์ถ่ายเองและส่งภายในวันที่ 25 ของเดือนก่อนหน้า Halcyon ไม่รับถ่ายภาพหรือวิดีโอ หากต้องการช่างภาพจะเสนอราคาแยก"),
            ("5", "ผู้ติดตาม: คุณกฤตถามว่าซื้อผู้ติดตามเพื่อให้บัญชีดูใหญ่ขึ้นได้หรือไม่ ตกลงกันว่าจะไม่ซื้อผู้ติดตาม ไลก์ วิว หรือคอมเมนต์ และไม่ใช้รีวิวปลอม (SOW ข้อ 3.6)"),
            ("6", "ข้อความในคอนเทนต์: ห้ามอ้างสรรพคุณด้านสุขภาพ เช่น ลดน้ำตาลในเลือด ลดน้ำหนัก รักษาหรือป้องกันโรค เมล็ดกาแฟยังไม่ได้รับการรับรองออร์แกนิก จึงห้ามใช้คำว่า \"ออร์แกนิก\" หรือโลโก้ออร์แกนิก ใช้ได้เช่น \"จากเกษตรกรรายย่อยบนดอยช้าง\" คะแนนคัปปิ้งใช้ได้เฉพาะที่ Q grader ประเมินจริงและมีเอกสาร ห้ามอ้างรางวัลที่ยังไม่ได้รับ และห้ามทำความขาดแคลนปลอม (SOW ข้อ 3.7)"),
            ("7", "คอมมูนิตี้: ตอบคอมเมนต์และ DM วันจันทร์-ศุกร์ 09:00-18:00 น. นอกเวลาใช้ข้อความตอบกลับอัตโนมัติ ปัญหาคำสั่งซื้อ การคืนเงิน และการจัดส่ง ส่งต่อให้ทีมสยามคราฟท์ภายใน 1 วันทำการ Halcyon ไม่ดำเนินการเรื่องคำสั่งซื้อเอง"),
            ("8", "การสื่อสาร: คอลประจำสัปดาห์ทุกวันพุธ 14:00-14:30 น. ทาง Google Meet คำขอและฟีดแบ็กทั้งหมดส่งทางอีเมลถึงพลอย กลุ่ม LINE ใช้เฉพาะกรณีโพสต์ผิดพลาดเร่งด่วนในเวลาทำการ ไม่มีการโทรนอกนัด"),
            ("9", "ค่าบริการ: 48,000 บาทต่อเดือน (ไม่รวม VAT) ออกใบแจ้งหนี้วันที่ 25 ของเดือนก่อน ชำระล่วงหน้าภายในวันที่ 1 ค่าบริการไม่ขึ้นกับจำนวนผู้ติดตามหรือยอดขาย คุณกฤตเป็นผู้อนุมัติงบประมาณและ change request"),
        ]),
        ("ขั้นตอนถัดไป", [
            ("", "สยามคราฟท์ส่ง FAQ ภาพสินค้า และสิทธิ์เข้าถึงบัญชีทั้งสาม ภายใน 21 มกราคม"),
            ("", "Halcyon ส่งแพลนคอนเทนต์เดือนกุมภาพันธ์ภายใน 23 มกราคม"),
        ]),
    ],
)

# ======================================================================================
# Siam Craft: status call notes (English, Markdown)
# ======================================================================================
SIAMCRAFT_STATUS_MD = """\
# Call notes: Weekly status call, 18 March 2026

- **Client:** Siam Craft Coffee Co., Ltd.
- **Attendees:** Khun Krit Phromma, Khun Nok (Waraporn Saelim) (Siam Craft); Ploy Chaiwong, Jakob Frandsen (Halcyon Growth)
- **Format:** Google Meet, 30 minutes
- **Summary sent by email:** 19 March 2026

## Results (February)

- Instagram followers 8,200 to 8,910; average engagement 2.6%; best post: the "Doi Chang harvest" carousel.
- 31 direct messages forwarded to Siam Craft (19 order issues, 7 wholesale enquiries, 5 complaints).

## Decisions

- Payment: the March invoice (due 1 March) was paid on 10 March after a reminder. Khun Krit confirmed that from April invoices are paid in advance by the 1st (SOW 5.2). On 2 March Khun Krit had asked to hold invoices until Instagram reaches 15,000 followers; Ploy referred to SOW 5.3 and Khun Krit withdrew the request. The fee is not tied to followers or sales.
- Nimman café (opening mid-May 2026): a separate Instagram account for the café is not in scope (SOW 3.3). Agreed: Ploy sends a quote via change request by 25 March. Café news can be covered within the 12 monthly posts and 8 stories of the main account.
- Feedback: in March, feedback on posts 5-8 came from several people and partly contradicted Khun Nok's approved version. Agreed: only Khun Nok's consolidated feedback counts (SOW 2.6, 4.6); input from Khun Krit, Khun Pranee or the café team goes through Khun Nok.
- Songkran (13-15 April) are Thai public holidays: no community management; an auto-reply will be set. The Songkran posts are scheduled in advance and count within April's 12 posts.
- Paid boosts: Khun Krit asked again about boosting the harvest post. Ads stay outside the SOW (3.1); Ploy can quote an ads package if wanted.
- Quarterly strategy review (SOW 2.10): the Q1 review takes place in the call on 25 March (1 hour); the Q2 review in the call on 24 June.

## Next steps

- Ploy: quote for the café account by 25 March.
- Halcyon: April content calendar by 20 March; Khun Nok approves by 25 March.
- Siam Craft: April footage by 25 March.
"""
