import { type EvalIdentity, r } from './types.js';

/** More Arab persons, including Somali, Omani and Maghrebi spellings. Written by hand. */
export const ARAB_IDENTITIES_2: EvalIdentity[] = [
  {
    id: 'ar-21',
    records: [
      r('Abdirahman Mohamed Farah', { dob: '1993-03-03', nat: 'SO', pp: 'P00987612' }),
      r('عبدالرحمن محمد فارح', { nat: 'SO', ph: '+971 58 221 0934' }),
      r('Abdurahman Mohammed Farah', { dob: '1993-03-03', nat: 'SO' }),
      r('Farah Abdirahman', { year: 1992, nat: 'SO', ph: '971582210934', note: 'order, no middle' }),
    ],
  },
  {
    id: 'ar-22',
    records: [
      r('Idris Hamid Adam', { dob: '1985-05-15', nat: 'SD', pp: 'P01928374' }),
      r('إدريس حامد آدم', { dob: '1985-05-15', nat: 'SD' }),
      r('Edris Hamed Adam', { nat: 'SD', ph: '+966 53 882 1456' }),
      r('Idriss Adam', { year: 1985, nat: 'SD', ph: '966538821456' }),
    ],
  },
  {
    id: 'ar-23',
    records: [
      r('Layla Ahmed Qasim', { dob: '1997-10-11', nat: 'YE', pp: '07766554' }),
      r('ليلى أحمد قاسم', { dob: '1997-10-11', nat: 'YE' }),
      r('Laila Ahmad Kassim', { nat: 'YE', ph: '+968 9877 1203' }),
      r('Leila Qassem', { dob: '1997-11-10', nat: 'YE', note: 'day/month swapped' }),
    ],
  },
  {
    id: 'ar-24',
    records: [
      r('Tariq Mahmoud Al-Khatib', { dob: '1983-08-08', nat: 'SY', pp: 'N004512399' }),
      r('طارق محمود الخطيب', { nat: 'SY', ph: '+971 50 118 7765' }),
      r('Tarek Mahmud Khatib', { dob: '1983-08-08', nat: 'SY' }),
      r('Tareq El Khatib', { year: 1984, nat: 'SY', ph: '00971501187765' }),
    ],
  },
  {
    id: 'ar-25',
    records: [
      r('Noura Abdelkarim Hamdan', { dob: '1999-04-04', nat: 'SD', pp: 'P07788990' }),
      r('نورة عبدالكريم حمدان', { dob: '1999-04-04', nat: 'SD' }),
      r('Nora Abdul Karim Hamdan', { nat: 'SD', ph: '+974 3390 1277' }),
      r('Noura Hamdan', { year: 1998, nat: 'SD' }),
    ],
  },
  {
    id: 'ar-26',
    records: [
      r('Yasser Fathi Abdel Ghani', { dob: '1978-11-23', nat: 'EG', pp: 'A55664433' }),
      r('ياسر فتحي عبد الغني', { dob: '1978-11-23', nat: 'EG' }),
      r('Yasir Fathy Abdelghany', { nat: 'EG', ph: '+971 52 661 0087' }),
      r('Yaser Abdulghani', { year: 1978, nat: 'EG', pp: 'A 5566 4433' }),
    ],
  },
  {
    id: 'ar-27',
    records: [
      r('Maryam Ali Saeed', { dob: '1994-02-14', nat: 'YE', pp: '09911223' }),
      r('مريم علي سعيد', { nat: 'YE', ph: '+966 59 100 2030' }),
      r('Mariam Aly Said', { dob: '1994-02-14', nat: 'YE' }),
      r('Meriem Saeed Ali', { year: 1994, nat: 'YE', note: 'order swapped' }),
    ],
  },
  {
    id: 'ar-28',
    records: [
      r('Djamel Eddine Bouzid', { dob: '1988-01-30', nat: 'DZ', pp: '187654321' }),
      r('جمال الدين بوزيد', { dob: '1988-01-30', nat: 'DZ' }),
      r('Jamal Eddine Bouzid', { nat: 'DZ', ph: '+971 56 700 4411' }),
      r('Djameleddine Bouzid', { year: 1988, nat: 'DZ', ph: '971567004411' }),
    ],
  },
  {
    id: 'ar-29',
    records: [
      r('Ibrahim Khalil Ismail', { dob: '1976-09-12', nat: 'LB', pp: 'LR0098123' }),
      r('إبراهيم خليل إسماعيل', { dob: '1976-09-12', nat: 'LB' }),
      r('Ebrahim Khaleel Ismael', { nat: 'LB', ph: '+973 3999 1200' }),
      r('Ibrahim Ismail', { dob: '1976-12-09', nat: 'LB', note: 'no middle, day/month swapped' }),
    ],
  },
  {
    id: 'ar-30',
    records: [
      r('Samira Othman Ahmed', { dob: '1992-06-06', nat: 'SD', pp: 'P03322110' }),
      r('سميرة عثمان أحمد', { nat: 'SD', ph: '+966 50 787 6543' }),
      r('Sameera Osman Ahmad', { dob: '1992-06-06', nat: 'SD' }),
      r('Samirah Uthman', { year: 1991, nat: 'SD', ph: '00966507876543' }),
    ],
  },
  {
    id: 'ar-31',
    records: [
      r('Hisham Fouad Saad', { dob: '1987-03-27', nat: 'EG', pp: 'A66778899' }),
      r('هشام فؤاد سعد', { dob: '1987-03-27', nat: 'EG' }),
      r('Hesham Fouad Saad', { nat: 'EG', ph: '+965 9901 4455' }),
      r('Hicham Fuad Saad', { year: 1987, nat: 'EG', note: 'French transliteration' }),
    ],
  },
  {
    id: 'ar-32',
    records: [
      r('Walid Abdelrahim Eltahir', { dob: '1980-10-02', nat: 'SD', pp: 'P05566778' }),
      r('وليد عبدالرحيم الطاهر', { nat: 'SD', ph: '+971 55 303 9981' }),
      r('Waleed Abdel Rahim Al Tahir', { dob: '1980-10-02', nat: 'SD' }),
      r('Walid Eltaher', { year: 1980, nat: 'SD', ph: '971553039981' }),
    ],
  },
  {
    id: 'ar-33',
    records: [
      r('Ghada Nasser Al-Hakim', { dob: '1995-07-19', nat: 'SY', pp: 'N017788223' }),
      r('غادة ناصر الحكيم', { dob: '1995-07-19', nat: 'SY' }),
      r('Ghadah Naser Hakim', { nat: 'SY', ph: '+974 7012 8833' }),
      r('Ghada Al Hakeem', { year: 1996, nat: 'SY' }),
    ],
  },
  {
    id: 'ar-34',
    records: [
      r('Saad Abdulkarim Al-Qadi', { dob: '1973-12-12', nat: 'YE', pp: '03344556' }),
      r('سعد عبدالكريم القاضي', { dob: '1973-12-12', nat: 'YE' }),
      r('Saad Abdul Kareem Alkadi', { nat: 'YE', ph: '+966 56 212 0099' }),
      r('Sa’ad Al Gadi', { year: 1974, nat: 'YE', note: 'Gulf g for qaf' }),
    ],
  },
  {
    id: 'ar-35',
    records: [
      r('Aisha Mohammed Hamid', { dob: '1990-11-05', nat: 'SD', pp: 'P09876123' }),
      r('عائشة محمد حامد', { nat: 'SD', ph: '+971 50 909 1212' }),
      r('Aysha Mohamed Hamed', { dob: '1990-11-05', nat: 'SD' }),
      r('Aicha Hamid', { dob: '1990-05-11', nat: 'SD', note: 'day/month swapped' }),
    ],
  },
  {
    id: 'ar-36',
    records: [
      r('Kareem Mahmoud Zaki', { dob: '1989-09-29', nat: 'EG', pp: 'A12121212' }),
      r('كريم محمود زكي', { dob: '1989-09-29', nat: 'EG' }),
      r('Karim Mahmod Zaky', { nat: 'EG', ph: '+971 52 141 5161' }),
      r('Zaki Kareem', { year: 1989, nat: 'EG', ph: '00971521415161', note: 'order swapped' }),
    ],
  },
  {
    id: 'ar-37',
    records: [
      r('Hanan Yousif Abdallah', { dob: '1986-01-09', nat: 'SD', pp: 'P04040404' }),
      r('حنان يوسف عبدالله', { dob: '1986-01-09', nat: 'SD' }),
      r('Hanan Yusuf Abdullah', { nat: 'SD', ph: '+966 54 818 2727' }),
      r('Hanan Abdalla', { year: 1986, nat: 'SD' }),
    ],
  },
  {
    id: 'ar-38',
    records: [
      r('Majed Sami Nasrallah', { dob: '1979-03-31', nat: 'LB', pp: 'LR0777123' }),
      r('ماجد سامي نصر الله', { nat: 'LB', ph: '+971 56 990 1020' }),
      r('Majid Samy Nasrallah', { dob: '1979-03-31', nat: 'LB' }),
      r('Maged Nasr Allah', { year: 1979, nat: 'LB', note: 'Egyptian g, split family name' }),
    ],
  },
  {
    id: 'ar-39',
    records: [
      r('Souad Ahmed Al Tayeb', { dob: '1984-04-16', nat: 'SD', pp: 'P01010101' }),
      r('سعاد أحمد الطيب', { dob: '1984-04-16', nat: 'SD' }),
      r('Suad Ahmad Tayyeb', { nat: 'SD', ph: '+974 5566 7788' }),
      r('Soad Eltayeb', { year: 1985, nat: 'SD', ph: '97455667788' }),
    ],
  },
  {
    id: 'ar-40',
    records: [
      r('Rashid Hamdan Al-Balushi', { dob: '1991-08-25', nat: 'OM', pp: '12345678' }),
      r('راشد حمدان البلوشي', { dob: '1991-08-25', nat: 'OM' }),
      r('Rashed Hamdan Baloushi', { nat: 'OM', ph: '+968 9200 1133' }),
      r('Rasheed Al Bloushi', { year: 1990, nat: 'OM', ph: '0096892001133' }),
    ],
  },
];
