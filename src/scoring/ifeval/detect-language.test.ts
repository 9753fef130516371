import { describe, expect, it } from 'vitest';
import { detectLanguage } from './detect-language.ts';

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
});
