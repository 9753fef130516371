/**
 * Test texts for language detection: two short paragraphs in each language IFEval's `language:response_language`
 * can ask for (`instructions_util.LANGUAGE_CODES`), written for parity's tests (everyday topics: a town and its
 * weather; a recipe or a piece of technology). Tests derive short, long, all-capital and all-lower-case variants.
 */
export const languageSamples = {
  en: [
    'Our town sits between two hills and a slow river. In the spring the market fills with flowers, and people walk along the water after work. The winters are long, but the library stays open late and the bakery on the corner sells warm bread until nine.',
    'To make a simple soup, cut two onions and three carrots, cook them in butter for ten minutes, then add water, salt and a handful of lentils. Let it simmer for half an hour and serve it with fresh bread and a little lemon.',
  ],
  es: [
    'Nuestro pueblo está entre dos colinas y un río tranquilo. En primavera el mercado se llena de flores y la gente pasea junto al agua después del trabajo. Los inviernos son largos, pero la biblioteca cierra tarde y la panadería de la esquina vende pan caliente hasta las nueve.',
    'Para preparar una sopa sencilla, corta dos cebollas y tres zanahorias, cocínalas en mantequilla durante diez minutos y luego añade agua, sal y un puñado de lentejas. Déjala hervir media hora y sírvela con pan fresco y un poco de limón.',
  ],
  pt: [
    'Nossa cidade fica entre duas colinas e um rio calmo. Na primavera, a feira se enche de flores e as pessoas caminham à beira da água depois do trabalho. Os invernos são longos, mas a biblioteca fecha tarde e a padaria da esquina vende pão quente até às nove.',
    'Para fazer uma sopa simples, corte duas cebolas e três cenouras, cozinhe-as na manteiga por dez minutos e depois acrescente água, sal e um punhado de lentilhas. Você também pode pôr um pouco de pimentão. Deixe ferver por meia hora e sirva com pão fresco, vovô adora assim.',
  ],
  ar: [
    'تقع مدينتنا بين تلين ونهر هادئ. في الربيع يمتلئ السوق بالزهور، ويمشي الناس على ضفة النهر بعد العمل. الشتاء طويل، لكن المكتبة تبقى مفتوحة حتى وقت متأخر، والمخبز في الزاوية يبيع الخبز الساخن حتى الساعة التاسعة.',
    'لتحضير حساء بسيط، قطّع بصلتين وثلاث جزرات، واطبخها في الزبدة لمدة عشر دقائق، ثم أضف الماء والملح وحفنة من العدس. اتركه يغلي نصف ساعة وقدمه مع الخبز الطازج وقليل من الليمون.',
  ],
  hi: [
    'हमारा शहर दो पहाड़ियों और एक शांत नदी के बीच बसा है। वसंत में बाज़ार फूलों से भर जाता है और लोग काम के बाद नदी के किनारे टहलते हैं। सर्दियाँ लंबी होती हैं, लेकिन पुस्तकालय देर तक खुला रहता है और कोने की बेकरी नौ बजे तक गरम रोटी बेचती है।',
    'एक सादा सूप बनाने के लिए दो प्याज़ और तीन गाजर काटिए, उन्हें दस मिनट तक मक्खन में पकाइए, फिर पानी, नमक और मुट्ठी भर दाल डालिए। इसे आधे घंटे तक उबलने दीजिए और ताज़ी रोटी और थोड़े से नींबू के साथ परोसिए।',
  ],
  fr: [
    "Notre ville se trouve entre deux collines et une rivière paisible. Au printemps, le marché se remplit de fleurs et les gens se promènent au bord de l'eau après le travail. Les hivers sont longs, mais la bibliothèque ferme tard et la boulangerie du coin vend du pain chaud jusqu'à neuf heures.",
    "Pour préparer une soupe simple, coupez deux oignons et trois carottes, faites-les cuire dans le beurre pendant dix minutes, puis ajoutez de l'eau, du sel et une poignée de lentilles. Laissez mijoter une demi-heure et servez avec du pain frais et un peu de citron.",
  ],
  ru: [
    'Наш город стоит между двумя холмами и тихой рекой. Весной рынок наполняется цветами, и люди гуляют у воды после работы. Зимы здесь долгие, но библиотека открыта допоздна, а пекарня на углу продаёт тёплый хлеб до девяти часов.',
    'Чтобы сварить простой суп, нарежьте две луковицы и три моркови, обжарьте их в масле десять минут, затем добавьте воду, соль и горсть чечевицы. Пусть суп кипит полчаса, подавайте его со свежим хлебом и долькой лимона.',
  ],
  de: [
    'Unsere Stadt liegt zwischen zwei Hügeln und einem ruhigen Fluss. Im Frühling füllt sich der Markt mit Blumen, und die Leute gehen nach der Arbeit am Wasser spazieren. Die Winter sind lang, aber die Bibliothek hat bis spät geöffnet, und die Bäckerei an der Ecke verkauft bis neun Uhr warmes Brot.',
    'Für eine einfache Suppe schneiden Sie zwei Zwiebeln und drei Karotten, braten sie zehn Minuten in Butter an und geben dann Wasser, Salz und eine Handvoll Linsen dazu. Lassen Sie alles eine halbe Stunde köcheln und servieren Sie die Suppe mit frischem Brot und etwas Zitrone.',
  ],
  ja: [
    '私たちの町は二つの丘と静かな川の間にあります。春になると市場は花でいっぱいになり、人々は仕事の後に川沿いを散歩します。冬は長いですが、図書館は夜遅くまで開いていて、角のパン屋は九時まで温かいパンを売っています。',
    '簡単なスープを作るには、玉ねぎを二つとにんじんを三本切って、バターで十分ほど炒めます。それから水と塩とレンズ豆をひとつかみ入れます。三十分ほど煮て、焼きたてのパンと少しのレモンと一緒に出してください。',
  ],
  it: [
    "La nostra città si trova tra due colline e un fiume tranquillo. In primavera il mercato si riempie di fiori e la gente passeggia lungo l'acqua dopo il lavoro. Gli inverni sono lunghi, ma la biblioteca resta aperta fino a tardi e il panificio all'angolo vende pane caldo fino alle nove.",
    "Per preparare una zuppa semplice, taglia due cipolle e tre carote, cuocile nel burro per dieci minuti, poi aggiungi acqua, sale e una manciata di lenticchie. Lascia sobbollire per mezz'ora e servila con pane fresco e un po' di limone.",
  ],
  bn: [
    'আমাদের শহরটি দুটি পাহাড় আর একটি শান্ত নদীর মাঝখানে। বসন্তে বাজার ফুলে ভরে যায়, আর মানুষ কাজের পরে নদীর ধারে হাঁটে। শীতকাল লম্বা, কিন্তু গ্রন্থাগার অনেক রাত পর্যন্ত খোলা থাকে আর মোড়ের বেকারি নয়টা পর্যন্ত গরম রুটি বিক্রি করে।',
    'একটি সহজ স্যুপ বানাতে দুটি পেঁয়াজ আর তিনটি গাজর কাটুন, দশ মিনিট মাখনে রান্না করুন, তারপর জল, লবণ আর এক মুঠো ডাল দিন। আধ ঘণ্টা ফুটতে দিন এবং টাটকা রুটি আর একটু লেবুর সঙ্গে পরিবেশন করুন।',
  ],
  uk: [
    'Наше місто лежить між двома пагорбами і тихою річкою. Навесні ринок наповнюється квітами, і люди гуляють біля води після роботи. Зими тут довгі, але бібліотека відкрита допізна, а пекарня на розі продає теплий хліб до дев’ятої години.',
    'Щоб зварити простий суп, наріжте дві цибулини і три морквини, обсмажте їх на маслі десять хвилин, потім додайте воду, сіль і жменю сочевиці. Нехай суп кипить пів години, і подавайте його зі свіжим хлібом та шматочком лимона.',
  ],
  th: [
    'เมืองของเราตั้งอยู่ระหว่างเนินเขาสองลูกกับแม่น้ำที่เงียบสงบ ในฤดูใบไม้ผลิตลาดจะเต็มไปด้วยดอกไม้ และผู้คนเดินเล่นริมน้ำหลังเลิกงาน ฤดูหนาวยาวนาน แต่ห้องสมุดเปิดจนดึก และร้านเบเกอรี่ที่หัวมุมขายขนมปังอุ่นๆ จนถึงสามทุ่ม',
    'ถ้าจะทำซุปง่ายๆ ให้หั่นหัวหอมสองหัวและแครอทสามหัว ผัดกับเนยประมาณสิบนาที แล้วใส่น้ำ เกลือ และถั่วเลนทิลหนึ่งกำมือ เคี่ยวไว้ครึ่งชั่วโมง แล้วเสิร์ฟกับขนมปังสดและมะนาวเล็กน้อย',
  ],
  ur: [
    'ہمارا شہر دو پہاڑیوں اور ایک پرسکون دریا کے درمیان واقع ہے۔ بہار میں بازار پھولوں سے بھر جاتا ہے اور لوگ کام کے بعد دریا کے کنارے سیر کرتے ہیں۔ سردیاں لمبی ہوتی ہیں، لیکن کتب خانہ دیر تک کھلا رہتا ہے اور کونے کی بیکری نو بجے تک گرم روٹی بیچتی ہے۔',
    'ایک سادہ سوپ بنانے کے لیے دو پیاز اور تین گاجریں کاٹیں، انہیں دس منٹ تک مکھن میں پکائیں، پھر پانی، نمک اور مٹھی بھر دال ڈالیں۔ اسے آدھے گھنٹے تک ابلنے دیں اور تازہ روٹی اور تھوڑے سے لیموں کے ساتھ پیش کریں۔',
  ],
  ta: [
    'எங்கள் ஊர் இரண்டு குன்றுகளுக்கும் அமைதியான ஆற்றுக்கும் இடையில் உள்ளது. வசந்த காலத்தில் சந்தை பூக்களால் நிறைந்திருக்கும், மக்கள் வேலை முடிந்ததும் ஆற்றங்கரையில் நடப்பார்கள். குளிர்காலம் நீளமானது, ஆனால் நூலகம் இரவு வரை திறந்திருக்கும், மூலையில் உள்ள அடுமனை ஒன்பது மணி வரை சூடான ரொட்டி விற்கும்.',
    'எளிய சூப் செய்ய இரண்டு வெங்காயங்களையும் மூன்று கேரட்டுகளையும் நறுக்கி, வெண்ணெயில் பத்து நிமிடம் வதக்குங்கள். பிறகு தண்ணீர், உப்பு மற்றும் ஒரு கைப்பிடி பருப்பைச் சேர்க்கவும். அரை மணி நேரம் கொதிக்க விட்டு, புதிய ரொட்டி மற்றும் சிறிது எலுமிச்சையுடன் பரிமாறுங்கள்.',
  ],
  te: [
    'మా ఊరు రెండు కొండల మధ్య ఒక ప్రశాంతమైన నది ఒడ్డున ఉంది. వసంతకాలంలో సంత పూలతో నిండిపోతుంది, ప్రజలు పని తర్వాత నది ఒడ్డున నడుస్తారు. చలికాలం పొడవుగా ఉంటుంది, కానీ గ్రంథాలయం రాత్రి వరకు తెరిచి ఉంటుంది, మూలలోని బేకరీ తొమ్మిది గంటల వరకు వేడి రొట్టె అమ్ముతుంది.',
    'సులభమైన సూప్ చేయడానికి రెండు ఉల్లిపాయలు, మూడు క్యారెట్లు తరిగి, వెన్నలో పది నిమిషాలు వేయించండి. తర్వాత నీళ్లు, ఉప్పు, గుప్పెడు పప్పు వేయండి. అరగంట మరగనిచ్చి, తాజా రొట్టె, కొంచెం నిమ్మరసంతో వడ్డించండి.',
  ],
  bg: [
    'Нашият град се намира между два хълма и тиха река. През пролетта пазарът се изпълва с цветя, а хората се разхождат край водата след работа. Зимите са дълги, но библиотеката работи до късно, а пекарната на ъгъла продава топъл хляб до девет часа.',
    'За да сготвите проста супа, нарежете две глави лук и три моркова, запържете ги в масло десет минути, след това добавете вода, сол и шепа леща. Оставете супата да ври половин час и я поднесете с пресен хляб и малко лимон.',
  ],
  ko: [
    '우리 마을은 두 언덕과 조용한 강 사이에 있습니다. 봄이 되면 시장은 꽃으로 가득 차고 사람들은 퇴근 후에 강가를 산책합니다. 겨울은 길지만 도서관은 늦게까지 문을 열고 모퉁이 빵집은 아홉 시까지 따뜻한 빵을 팝니다.',
    '간단한 수프를 만들려면 양파 두 개와 당근 세 개를 썰어 버터에 십 분 동안 볶은 다음 물과 소금, 렌틸콩 한 줌을 넣으세요. 삼십 분 동안 끓인 뒤 갓 구운 빵과 레몬 조금과 함께 내면 됩니다.',
  ],
  pl: [
    'Nasze miasto leży między dwoma wzgórzami a spokojną rzeką. Wiosną targ wypełnia się kwiatami, a ludzie spacerują nad wodą po pracy. Zimy są długie, ale biblioteka jest otwarta do późna, a piekarnia na rogu sprzedaje ciepły chleb do dziewiątej.',
    'Aby przygotować prostą zupę, pokrój dwie cebule i trzy marchewki, podsmaż je na maśle przez dziesięć minut, a potem dodaj wodę, sól i garść soczewicy. Gotuj przez pół godziny i podawaj ze świeżym chlebem i odrobiną cytryny.',
  ],
  he: [
    'העיר שלנו שוכנת בין שתי גבעות ונהר שקט. באביב השוק מתמלא בפרחים, ואנשים מטיילים לאורך המים אחרי העבודה. החורפים ארוכים, אבל הספרייה פתוחה עד מאוחר, והמאפייה בפינה מוכרת לחם חם עד השעה תשע.',
    'כדי להכין מרק פשוט, חתכו שני בצלים ושלושה גזרים, בשלו אותם בחמאה במשך עשר דקות, ואז הוסיפו מים, מלח וחופן עדשים. תנו למרק להתבשל חצי שעה והגישו אותו עם לחם טרי ומעט לימון.',
  ],
  fa: [
    'شهر ما میان دو تپه و رودخانه‌ای آرام قرار دارد. در بهار بازار پر از گل می‌شود و مردم بعد از کار کنار آب قدم می‌زنند. زمستان‌ها طولانی است، اما کتابخانه تا دیروقت باز است و نانوایی سر کوچه تا ساعت نه نان گرم می‌فروشد.',
    'برای درست کردن یک سوپ ساده، دو پیاز و سه هویج را خرد کنید، ده دقیقه در کره تفت دهید، سپس آب، نمک و یک مشت عدس اضافه کنید. بگذارید نیم ساعت بجوشد و آن را با نان تازه و کمی لیمو سرو کنید.',
  ],
  vi: [
    'Thị trấn của chúng tôi nằm giữa hai ngọn đồi và một dòng sông êm đềm. Vào mùa xuân, chợ tràn ngập hoa và mọi người đi dạo ven sông sau giờ làm. Mùa đông kéo dài, nhưng thư viện mở cửa đến khuya và tiệm bánh ở góc phố bán bánh mì nóng đến chín giờ tối.',
    'Để nấu một món súp đơn giản, hãy cắt hai củ hành và ba củ cà rốt, xào với bơ trong mười phút, sau đó thêm nước, muối và một nắm đậu lăng. Đun nhỏ lửa trong nửa tiếng rồi dùng với bánh mì mới nướng và một chút chanh.',
  ],
  ne: [
    'हाम्रो सहर दुईवटा पहाड र एउटा शान्त नदीको बीचमा छ। वसन्तमा बजार फूलले भरिन्छ र मानिसहरू कामपछि नदीको किनारमा डुल्छन्। जाडो लामो हुन्छ, तर पुस्तकालय राति अबेरसम्म खुला रहन्छ र कुनाको बेकरीले नौ बजेसम्म तातो रोटी बेच्छ।',
    'सजिलो सुप बनाउन दुईवटा प्याज र तीनवटा गाजर काट्नुहोस्, तिनलाई दस मिनेटसम्म मक्खनमा पकाउनुहोस्, अनि पानी, नुन र एक मुठी दाल हाल्नुहोस्। आधा घण्टासम्म उम्लिन दिनुहोस् र ताजा रोटी र अलिकति कागतीसँग खान दिनुहोस्।',
  ],
  sw: [
    'Mji wetu uko kati ya milima miwili na mto wenye utulivu. Wakati wa masika soko hujaa maua, na watu hutembea kando ya maji baada ya kazi. Majira ya baridi ni marefu, lakini maktaba hufunguliwa hadi usiku na duka la mikate pembeni huuza mkate wa moto hadi saa tatu usiku.',
    'Ili kupika supu rahisi, kata vitunguu viwili na karoti tatu, vipike kwa siagi kwa dakika kumi, kisha ongeza maji, chumvi na kiganja cha dengu. Iache ichemke kwa nusu saa na uipakue pamoja na mkate mpya na ndimu kidogo.',
  ],
  kn: [
    'ನಮ್ಮ ಊರು ಎರಡು ಬೆಟ್ಟಗಳು ಮತ್ತು ಒಂದು ಶಾಂತವಾದ ನದಿಯ ನಡುವೆ ಇದೆ. ವಸಂತ ಕಾಲದಲ್ಲಿ ಮಾರುಕಟ್ಟೆ ಹೂವುಗಳಿಂದ ತುಂಬಿರುತ್ತದೆ ಮತ್ತು ಜನರು ಕೆಲಸದ ನಂತರ ನದಿಯ ದಡದಲ್ಲಿ ನಡೆಯುತ್ತಾರೆ. ಚಳಿಗಾಲ ದೀರ್ಘವಾಗಿರುತ್ತದೆ, ಆದರೆ ಗ್ರಂಥಾಲಯ ರಾತ್ರಿಯವರೆಗೆ ತೆರೆದಿರುತ್ತದೆ.',
    'ಸರಳವಾದ ಸೂಪ್ ಮಾಡಲು ಎರಡು ಈರುಳ್ಳಿ ಮತ್ತು ಮೂರು ಕ್ಯಾರೆಟ್‌ಗಳನ್ನು ಕತ್ತರಿಸಿ, ಬೆಣ್ಣೆಯಲ್ಲಿ ಹತ್ತು ನಿಮಿಷ ಬೇಯಿಸಿ, ನಂತರ ನೀರು, ಉಪ್ಪು ಮತ್ತು ಒಂದು ಹಿಡಿ ಬೇಳೆ ಸೇರಿಸಿ. ಅರ್ಧ ಗಂಟೆ ಕುದಿಯಲು ಬಿಡಿ ಮತ್ತು ತಾಜಾ ರೊಟ್ಟಿ ಹಾಗೂ ಸ್ವಲ್ಪ ನಿಂಬೆಯೊಂದಿಗೆ ಬಡಿಸಿ.',
  ],
  mr: [
    'आमचे गाव दोन टेकड्या आणि एका शांत नदीच्या मधोमध आहे. वसंत ऋतूत बाजार फुलांनी भरून जातो आणि लोक कामानंतर नदीकाठी फिरायला जातात. हिवाळा मोठा असतो, पण ग्रंथालय रात्री उशिरापर्यंत उघडे असते आणि कोपऱ्यावरची बेकरी नऊ वाजेपर्यंत गरम पाव विकते.',
    'साधे सूप बनवण्यासाठी दोन कांदे आणि तीन गाजरे चिरा, ती दहा मिनिटे लोण्यात परता, मग पाणी, मीठ आणि मूठभर डाळ घाला. अर्धा तास उकळू द्या आणि ताज्या पावासोबत आणि थोड्या लिंबासोबत वाढा.',
  ],
  gu: [
    'અમારું ગામ બે ટેકરીઓ અને એક શાંત નદીની વચ્ચે આવેલું છે. વસંતમાં બજાર ફૂલોથી ભરાઈ જાય છે અને લોકો કામ પછી નદી કિનારે ફરવા જાય છે. શિયાળો લાંબો હોય છે, પણ પુસ્તકાલય મોડી રાત સુધી ખુલ્લું રહે છે અને ખૂણાની બેકરી નવ વાગ્યા સુધી ગરમ રોટલી વેચે છે.',
    'સાદું સૂપ બનાવવા માટે બે ડુંગળી અને ત્રણ ગાજર સમારો, તેને દસ મિનિટ માખણમાં સાંતળો, પછી પાણી, મીઠું અને મુઠ્ઠીભર દાળ ઉમેરો. તેને અડધો કલાક ઉકળવા દો અને તાજી રોટલી તથા થોડા લીંબુ સાથે પીરસો.',
  ],
  pa: [
    'ਸਾਡਾ ਸ਼ਹਿਰ ਦੋ ਪਹਾੜੀਆਂ ਅਤੇ ਇੱਕ ਸ਼ਾਂਤ ਨਦੀ ਦੇ ਵਿਚਕਾਰ ਵਸਿਆ ਹੋਇਆ ਹੈ। ਬਸੰਤ ਵਿੱਚ ਬਾਜ਼ਾਰ ਫੁੱਲਾਂ ਨਾਲ ਭਰ ਜਾਂਦਾ ਹੈ ਅਤੇ ਲੋਕ ਕੰਮ ਤੋਂ ਬਾਅਦ ਨਦੀ ਦੇ ਕੰਢੇ ਸੈਰ ਕਰਦੇ ਹਨ। ਸਰਦੀਆਂ ਲੰਬੀਆਂ ਹੁੰਦੀਆਂ ਹਨ, ਪਰ ਲਾਇਬ੍ਰੇਰੀ ਦੇਰ ਰਾਤ ਤੱਕ ਖੁੱਲ੍ਹੀ ਰਹਿੰਦੀ ਹੈ।',
    'ਸਾਦਾ ਸੂਪ ਬਣਾਉਣ ਲਈ ਦੋ ਪਿਆਜ਼ ਅਤੇ ਤਿੰਨ ਗਾਜਰਾਂ ਕੱਟੋ, ਉਨ੍ਹਾਂ ਨੂੰ ਦਸ ਮਿੰਟ ਮੱਖਣ ਵਿੱਚ ਪਕਾਓ, ਫਿਰ ਪਾਣੀ, ਲੂਣ ਅਤੇ ਮੁੱਠੀ ਭਰ ਦਾਲ ਪਾਓ। ਇਸਨੂੰ ਅੱਧਾ ਘੰਟਾ ਉਬਲਣ ਦਿਓ ਅਤੇ ਤਾਜ਼ੀ ਰੋਟੀ ਅਤੇ ਥੋੜ੍ਹੇ ਨਿੰਬੂ ਨਾਲ ਪਰੋਸੋ।',
  ],
  ml: [
    'ഞങ്ങളുടെ പട്ടണം രണ്ട് കുന്നുകൾക്കും ശാന്തമായ ഒരു പുഴയ്ക്കും ഇടയിലാണ്. വസന്തകാലത്ത് ചന്ത പൂക്കൾ കൊണ്ട് നിറയും, ആളുകൾ ജോലി കഴിഞ്ഞ് പുഴയുടെ തീരത്ത് നടക്കും. തണുപ്പുകാലം നീണ്ടതാണ്, പക്ഷേ വായനശാല രാത്രി വൈകുവോളം തുറന്നിരിക്കും.',
    'ലളിതമായ ഒരു സൂപ്പ് ഉണ്ടാക്കാൻ രണ്ട് ഉള്ളിയും മൂന്ന് കാരറ്റും അരിഞ്ഞ് വെണ്ണയിൽ പത്ത് മിനിറ്റ് വഴറ്റുക, പിന്നെ വെള്ളവും ഉപ്പും ഒരു പിടി പരിപ്പും ചേർക്കുക. അര മണിക്കൂർ തിളപ്പിച്ച ശേഷം പുതിയ റൊട്ടിയും അല്പം നാരങ്ങയും ചേർത്ത് വിളമ്പുക.',
  ],
  fi: [
    'Kaupunkimme sijaitsee kahden mäen ja rauhallisen joen välissä. Keväällä tori täyttyy kukista, ja ihmiset kävelevät veden äärellä töiden jälkeen. Talvet ovat pitkiä, mutta kirjasto on auki myöhään ja kulman leipomo myy lämmintä leipää yhdeksään asti.',
    'Yksinkertaisen keiton valmistamiseksi pilko kaksi sipulia ja kolme porkkanaa, kypsennä niitä voissa kymmenen minuuttia ja lisää sitten vettä, suolaa ja kourallinen linssejä. Anna kiehua puoli tuntia ja tarjoile tuoreen leivän ja pienen sitruunan kanssa.',
  ],
} satisfies Record<string, readonly [string, string]>;
