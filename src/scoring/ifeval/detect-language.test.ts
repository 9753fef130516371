import { describe, expect, it } from 'vitest';
import {
  pythonLangdetect,
  pythonReferenceUnavailable,
} from '../../../test/support/python-ifeval-reference.ts';
import { detectLanguage } from './detect-language.ts';
import { languageSamples } from '../../../test/support/language-samples.ts';

describe('detectLanguage', () => {
  it('tells apart the languages of IFEval response_language instructions', () => {
    const samples: Record<string, string> = {
      en: 'The weather is nice and the children are playing in the park.',
      de: 'Das Wetter ist schön und die Kinder spielen im Park.',
      it: 'Il tempo è bello e i bambini giocano nel parco con gli amici.',
      pt: 'O tempo está bom e as crianças brincam no parque com os amigos.',
      fi: 'Sää on kaunis ja lapset leikkivät puistossa, mutta se on myös kylmä.',
      sw: 'Hali ya hewa ni nzuri na watoto wanacheza katika bustani kwa furaha.',
      vi: 'Thời tiết hôm nay rất đẹp và trẻ em đang chơi trong công viên.',
      ru: 'Погода хорошая, и дети играют в парке, это было весело.',
      bg: 'Времето е хубаво и децата играят в парка, това е чудесно.',
      hi: 'मौसम अच्छा है और बच्चे पार्क में खेल रहे हैं।',
      mr: 'हवामान छान आहे आणि मुले उद्यानात खेळत आहेत.',
      ne: 'मौसम राम्रो छ र बच्चाहरू पार्कमा खेलिरहेका छन्।',
      ar: 'الطقس جميل والأطفال يلعبون في الحديقة.',
      fa: 'هوا خوب است و بچه‌ها در پارک بازی می‌کنند.',
      ur: 'موسم اچھا ہے اور بچے پارک میں کھیل رہے ہیں۔',
      ko: '날씨가 좋고 아이들이 공원에서 놀고 있습니다.',
      th: 'อากาศดีและเด็กๆ กำลังเล่นในสวน',
      bn: 'আবহাওয়া ভালো এবং শিশুরা পার্কে খেলছে।',
      te: 'వాతావరణం బాగుంది మరియు పిల్లలు పార్కులో ఆడుకుంటున్నారు.',
      ta: 'வானிலை நன்றாக உள்ளது, குழந்தைகள் பூங்காவில் விளையாடுகிறார்கள்.',
      kn: 'ಹವಾಮಾನ ಚೆನ್ನಾಗಿದೆ ಮತ್ತು ಮಕ್ಕಳು ಉದ್ಯಾನದಲ್ಲಿ ಆಡುತ್ತಿದ್ದಾರೆ.',
      gu: 'હવામાન સારું છે અને બાળકો બગીચામાં રમી રહ્યા છે.',
      pa: 'ਮੌਸਮ ਵਧੀਆ ਹੈ ਅਤੇ ਬੱਚੇ ਪਾਰਕ ਵਿੱਚ ਖੇਡ ਰਹੇ ਹਨ।',
      ja: '天気が良くて、子供たちは公園で遊んでいます。',
    };
    const detected = Object.fromEntries(
      Object.entries(samples).map(([code, text]) => [code, detectLanguage(text)]),
    );
    expect(detected).toEqual(Object.fromEntries(Object.keys(samples).map((code) => [code, code])));
  });

  it('returns null for text without letters, and reads all-capital English as English', () => {
    expect(detectLanguage('123 — 456!')).toBeNull();
    expect(detectLanguage('THE CHILDREN ARE PLAYING IN THE PARK AND IT IS NICE.')).toBe('en');
  });

  it('reads Portuguese with â, ê and ô as Portuguese, not Vietnamese or French (GPT-4 answer to key 2724)', () => {
    const adamAndEve =
      '"Adão e Eva são os primeiros seres humanos da história bíblica. Deus criou Adão do pó da terra e ' +
      'soprou em suas narinas o fôlego da vida. Depois, enquanto Adão dormia, Deus tirou uma de suas costelas ' +
      'e formou Eva. Os dois viviam no Jardim do Éden, onde podiam comer o fruto de todas as árvores, exceto ' +
      'da árvore do conhecimento do bem e do mal. A serpente convenceu Eva a comer o fruto proibido, e ela o ' +
      'deu também a Adão. Por causa dessa desobediência, eles foram expulsos do paraíso. Você também encontrará ' +
      'essa história em três tradições religiosas: o judaísmo, o cristianismo e o islamismo."';
    const circumflexes = 'Você pôs o bolo na mesa? Vovô e vovó têm três netos e um cônjuge português.';
    expect([detectLanguage(adamAndEve), detectLanguage(circumflexes)]).toEqual(['pt', 'pt']);
  });

  it('reads short all-capital English as English (IFEval key 2359 asks for it in capitals)', () => {
    const texts = [
      'WRITE A SONG ABOUT A CORGI NAMED CHESTER WHO LOVES TO PLAY FETCH.',
      'WRITE A SONG ABOUT A CORGI NAMED CHESTER WHO LOVES TO PLAY FETCH.\n\nCHESTER THE CORGI, HE LOVES TO RUN,',
      'HELLO THERE, THIS IS LOUD.',
    ];
    expect(texts.map((text) => detectLanguage(text))).toEqual(['en', 'en', 'en']);
  });

  it('reads short Marathi as Marathi, not Hindi', () => {
    const texts = ['मला तुझी खूप आठवण येते.', 'आज पाऊस पडत आहे आणि मी घरी आहे.', 'तुम्ही कसे आहात?'];
    expect(texts.map((text) => detectLanguage(text))).toEqual(['mr', 'mr', 'mr']);
  });

  it('reads each sample paragraph, also in lower case, as its language', () => {
    const detected = Object.entries(languageSamples).flatMap(([language, paragraphs]) =>
      paragraphs.flatMap((paragraph) => [
        { language, found: detectLanguage(paragraph) },
        { language, found: detectLanguage(paragraph.toLowerCase()) },
      ]),
    );
    expect(detected.filter(({ language, found }) => language !== found)).toEqual([]);
  });

  it('gives the same verdict on the same text every time (seeded), and another seed can change a borderline one', () => {
    const borderline = 'DAS IST DIE ANTWORT, UND ES IST NICHT GUT. DIE KATZE SCHLÄFT IM GARTEN.';
    const verdicts = new Set(Array.from({ length: 5 }, () => detectLanguage(borderline)));
    expect(verdicts.size).toBe(1);
    const bySeed = new Set(Array.from({ length: 30 }, (_, seed) => detectLanguage(borderline, { seed })));
    expect([...bySeed].sort()).toEqual(['de', 'en']);
  });
});

/** Short, long, all-capital, all-lower-case and mixed-language texts derived from every sample paragraph. */
function variants(): string[] {
  const english = languageSamples.en[0];
  const unspaced = new Set(['ja', 'th']);
  return Object.entries(languageSamples).flatMap(([language, [first, second]]) =>
    [first, second].flatMap((paragraph) => {
      const words = paragraph.split(/\s+/u);
      const head = (count: number) =>
        unspaced.has(language)
          ? [...paragraph].slice(0, count * 3).join('')
          : words.slice(0, count).join(' ');
      const firstSentence = paragraph.split(/(?<=[.!?।۔])\s/u)[0] ?? paragraph;
      return [
        paragraph,
        paragraph.toLowerCase(),
        paragraph.toUpperCase(),
        firstSentence,
        head(2),
        head(3),
        head(6),
        head(6).toUpperCase(),
        head(12).toLowerCase(),
        head(12).toUpperCase(),
        Array.from({ length: 6 }, () => paragraph).join('\n\n'),
        `**${head(3)}**\n\n* ${first}\n* ${second}\n\nP.S. ${head(4)}`,
        `${paragraph} ${english}`,
        `${english}\n\n${head(8)}`,
      ];
    }),
  );
}

const unavailable = pythonReferenceUnavailable();

describe.skipIf(unavailable !== undefined)(
  `detectLanguage agrees with Python langdetect (Debian python3-langdetect)${unavailable === undefined ? '' : `; skipped: ${unavailable}`}`,
  () => {
    it('on several hundred texts in every IFEval language, short and long, all caps and all lower case', () => {
      const texts = variants();
      expect(texts.length).toBeGreaterThanOrEqual(800);
      const reference = pythonLangdetect(texts, 0);
      const disagreements = texts
        .map((text, index) => ({
          text: text.slice(0, 80),
          parity: detectLanguage(text),
          python: reference[index],
        }))
        .filter(({ parity, python }) => parity !== python);
      // Same algorithm, profiles and random numbers: only the order in which 55 probabilities are summed may differ.
      expect(disagreements.length / texts.length).toBeLessThanOrEqual(0.01);
      expect(disagreements).toEqual([]);
    });
  },
);
